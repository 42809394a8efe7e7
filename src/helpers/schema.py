"""The processed tables' contract: their columns, types and meanings.

The data dictionary (``data/processed/README.md``) is generated from here,
so the documentation cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

# The types of `mentions.entity_type`, and the type each spaCy label stands for before the rules decide.
ENTITY_TYPES = ("person", "organisation", "group", "place", "other")
LABEL_TYPES = {
    "PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "place", "LOC": "place", "FAC": "place",
    "EVENT": "other", "LAW": "other", "PRODUCT": "other", "WORK_OF_ART": "other",
}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    note: str = ""
    sort_by: tuple[str, ...] = ()  # row order of the written table (deterministic outputs)
    csv: bool = True  # also written as CSV (not for tables too long for a spreadsheet)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


ARTICLES = Table(
    "articles",
    "One row per article built from the raw folder.",
    (
        Column("article_id", "string", "Stable id: the file's path in the corpus folder without its extension."),
        Column("file", "string", "The raw file, relative to the corpus folder."),
        Column("outlet", "string", "Who published it: the manifest, else the page's site name or footer."),
        Column("published", "date", "Publication date (from the manifest, else the page); empty when unknown."),
        Column("date_precision", "string", "How exact `published` is: day, month, year or approximate."),
        Column("headline", "string", "The manifest's headline, else the one recovered from the page."),
        Column("url", "string", "Where the article was collected (manifest or page metadata)."),
        Column("event", "string", "The event covered, as described in the manifest."),
        Column("notes", "string", "Free notes from the manifest."),
        Column("dateline", "string", "Agency and place the story was filed from, e.g. `AP, BEIRUT`."),
        Column("text", "string", "The cleaned body: body paragraphs and subheadings, separated by blank lines."),
        Column("n_words", "int", "Words in `text` (letters/digits, joined across inner ' - and .)."),
        Column("n_paragraphs", "int", "Body paragraphs in `text` (subheadings and captions not counted)."),
        Column("n_removed", "int", "Blocks the cleaner removed (see the `removed` table)."),
        Column("language", "string", "ISO 639-1 code of the body's language (py3langid)."),
        Column("format", "string", "`html` or `text`, as detected from the content."),
        Column("encoding", "string", "The character encoding the file was decoded with."),
        Column("n_bytes", "int", "Size of the raw file in bytes."),
        Column("sha256", "string", "SHA-256 of the raw file's bytes."),
        Column("metadata_source", "string", "Where outlet, published, headline and dateline came from "
               "(`manifest`, `page` or `text`)."),
    ),
    note="Every other column of the manifest follows these, kept as text (e.g. a bias rating or a country).",
    sort_by=("article_id",),
)

PARAGRAPHS = Table(
    "paragraphs",
    "One row per paragraph kept by the cleaner, in reading order.",
    (
        Column("article_id", "string", "The article (see `articles`)."),
        Column("paragraph_id", "int", "Position in the article, from 0, counting every kind."),
        Column("kind", "string", "`body`, `subheading` or `caption`. Subheadings are part of `articles.text` (they "
               "are the article's own words); captions are not (they describe a photo). A block is a caption only "
               "on confident evidence: a photo credit, or one present-tense clause of what a photo shows."),
        Column("rule", "string", "Why the paragraph has its kind, e.g. `sentence`, `dateline_lead`, `photo_credit`, "
               "`scene_caption`, `short_title` (see the paragraph rules in notebook 01 and "
               "`helpers.cleaning.rules.KIND_RULES`)."),
        Column("text", "string", "The paragraph's text."),
        Column("n_words", "int", "Words in the paragraph."),
    ),
    sort_by=("article_id", "paragraph_id"),
)

REMOVED = Table(
    "removed",
    "One row per block of the raw file that cleaning removed, with the rule that removed it.",
    (
        Column("article_id", "string", "The article (see `articles`)."),
        Column("removed_id", "int", "Order of the block in the raw file, from 0."),
        Column("rule", "string", "The cleaning rule (see the rules table in notebook 01 and "
               "`helpers.cleaning.rules`)."),
        Column("text", "string", "The removed text (for scripts, the code itself)."),
        Column("n_words", "int", "Words in the removed text."),
        Column("raw_offset", "int", "Character offset of the block in the decoded raw file; -1 if not found."),
    ),
    sort_by=("article_id", "removed_id"),
)

PROBLEMS = Table(
    "problems",
    "One row per problem met while building: a file skipped, or built with a warning.",
    (
        Column("file", "string", "The raw file (or `manifest.csv`)."),
        Column("reason", "string", "What is wrong, in words."),
        Column("skipped", "bool", "True when no article was built from the file."),
    ),
    sort_by=("file", "reason"),
)

SENTENCES = Table(
    "sentences",
    "One row per sentence of each article's body, as split by spaCy's parser (never across paragraphs).",
    (
        Column("article_id", "string", "The article (see `articles`)."),
        Column("sentence_id", "int", "Position in the article, from 0."),
        Column("text", "string", "The sentence."),
        Column("start_char", "int", "Offset of its first character in `articles.text`."),
        Column("end_char", "int", "Offset just past its last character in `articles.text`."),
    ),
    sort_by=("article_id", "sentence_id"),
)

MENTIONS = Table(
    "mentions",
    "One row per mention of an actor or a place, after canonicalisation (see notebook 03).",
    (
        Column("article_id", "string", "The article."),
        Column("sentence_id", "int", "The sentence (see `sentences`)."),
        Column("text", "string", "The mention as written, e.g. `al-Baghdadi’s`."),
        Column("label", "string", "spaCy's entity label (PERSON, ORG, GPE …); empty when only the alias table "
               "found it."),
        Column("entity", "string", "The canonical name, e.g. `Abu Bakr al-Baghdadi`."),
        Column("entity_type", "string", "person, organisation, group, place or other."),
        Column("rule", "string", "How the canonical name was decided, in this order: `abbreviation` (defined in "
               "the article), `dateline credit` (\"Washington (CNN)\": an outlet), `alias` (`data/aliases.csv`), "
               "`short name` (the article's one full name ending with it), `name variant` (\"James B. Comey\" "
               "→ \"James Comey\", \"Bill Barr\" → \"William Barr\"), `corpus short name` (the corpus's one "
               "full name ending with it), `dominant full name` (the full name of at least 90 % of the articles "
               "naming any), `ambiguous short name` (several candidates: left as written), `gazetteer` or "
               "`as written`."),
        Column("start_char", "int", "Offset of the mention in `articles.text`."),
        Column("end_char", "int", "Offset just past the mention in `articles.text`."),
    ),
    sort_by=("article_id", "start_char", "end_char"),
)

DROPPED_MENTIONS = Table(
    "dropped_mentions",
    "Spans the model labelled as names that are none, left out of `mentions`, with the rule that dropped them.",
    (
        Column("article_id", "string", "The article."),
        Column("sentence_id", "int", "The sentence."),
        Column("text", "string", "The span as written (`n’t`, `Historical Data: Political`)."),
        Column("label", "string", "spaCy's entity label."),
        Column("rule", "string", "`no capital`, `number`, `stop word` (a lone \"It\", a contraction), `title "
               "only` (\"Senator\"), `not a name` (`:`, `|`, `@`, `/` or a line break inside) or `common word` (a "
               "sentence's first word the corpus otherwise writes in lower case)."),
        Column("start_char", "int", "Offset of the span in `articles.text`."),
        Column("end_char", "int", "Offset just past the span in `articles.text`."),
    ),
    sort_by=("article_id", "start_char", "end_char"),
)

STORIES = Table(
    "stories",
    "Which story (event) each article reports: articles grouped by average linkage on their similarity "
    "(lemmas, entities, headline and lead) discounted by the time between them (see `story_links`).",
    (
        Column("article_id", "string", "The article."),
        Column("story_id", "int", "The story, numbered from 1 in order of first publication (undated last)."),
    ),
    sort_by=("story_id", "article_id"),
)

STORY_LINKS = Table(
    "story_links",
    "One row per pair of articles the story grouping scored: why two articles are, or are not, one story.",
    (
        Column("article_a", "string", "The first article of the pair (ids in alphabetical order)."),
        Column("article_b", "string", "The second article."),
        Column("days_apart", "float", "Days between their publication dates; empty when one is undated."),
        Column("lemmas", "float", "TF-IDF cosine of the content lemmas of their bodies, 0 to 1."),
        Column("entities", "float", "TF-IDF cosine of the sets of canonical entities they mention (see `mentions`)."),
        Column("lead", "float", "TF-IDF cosine of the content lemmas of their headline and first sentences."),
        Column("text_score", "float", "The mean of `lemmas`, `entities` and `lead` (of the parts both articles "
               "have)."),
        Column("time_factor", "float", "exp(-gap²/2σ²) of the gap in days beyond the dates' precision; for an "
               "undated pair, STORY_SIMILARITY / UNDATED_STORY_SIMILARITY (text alone, stricter); 0 outside the "
               "story window."),
        Column("score", "float", "`text_score` × `time_factor`: what average linkage compares with STORY_SIMILARITY."),
        Column("same_story", "bool", "True when the two articles ended in the same story."),
        Column("rule", "string", "The decision: `linked` (score ≥ threshold, same story), `same story through the "
               "others` (score below, but the mean over the two groups reached it), `kept apart` (score ≥ threshold, "
               "but the mean with the other story's articles did not) or `apart`."),
    ),
    note="Pairs are those the sparse neighbour search kept (each article's best neighbours within the date window "
         "scoring at least STORY_LINK_FLOOR), plus every pair inside a story; other pairs count as 0.",
    sort_by=("article_a", "article_b"),
)

FACTS = Table(
    "facts",
    "The sentences of each story's articles aligned into facts: one row per sentence.",
    (
        Column("story_id", "int", "The story (see `stories`)."),
        Column("fact_id", "int", "The fact, numbered from 1 within its story in reading order."),
        Column("article_id", "string", "An article that states the fact."),
        Column("sentence_id", "int", "The sentence of that article that states it."),
    ),
    sort_by=("story_id", "fact_id", "article_id", "sentence_id"),
)

PLACES = Table(
    "places",
    "Every place mentioned, with where it is; places the suite cannot locate are kept with empty coordinates.",
    (
        Column("entity", "string", "The canonical place name."),
        Column("n_mentions", "int", "Mentions across the corpus."),
        Column("n_articles", "int", "Articles that mention it."),
        Column("lat", "float", "Latitude in degrees; empty when unknown."),
        Column("lon", "float", "Longitude in degrees; empty when unknown."),
        Column("country", "string", "ISO 3166-1 alpha-2 code of the country, when the gazetteer knows it."),
        Column("located_by", "string", "`alias table`, `gazetteer (city)`, `gazetteer (country)`, or empty."),
    ),
    sort_by=("entity",),
)

TOKENS = Table(
    "tokens",
    "One row per word or punctuation mark of each article's body, from spaCy (spaces left out).",
    (
        Column("article_id", "string", "The article."),
        Column("sentence_id", "int", "The sentence (see `sentences`)."),
        Column("token_id", "int", "Position in the sentence, from 0."),
        Column("text", "string", "The token as written."),
        Column("lemma", "string", "Its dictionary form, lower-cased (`killed` → `kill`)."),
        Column("pos", "string", "Universal part of speech: NOUN, VERB, PROPN, ADJ, ADV, PUNCT …"),
        Column("is_stop", "bool", "True for stop words (the, of, said …) in spaCy's English list."),
        Column("start_char", "int", "Offset of the token in `articles.text`."),
    ),
    note="Written as Parquet only: a corpus of a few thousand articles has millions of tokens, more rows than a "
         "spreadsheet holds.",
    sort_by=("article_id", "sentence_id", "token_id"),
    csv=False,
)

CLAUSES = Table(
    "clauses",
    "One row per verb with a subject: who does what to whom, in the active or the passive voice.",
    (
        Column("article_id", "string", "The article."),
        Column("sentence_id", "int", "The sentence."),
        Column("verb", "string", "The verb's lemma (`kill`)."),
        Column("verb_text", "string", "The verb as written (`killed`)."),
        Column("voice", "string", "`active` or `passive` (\"was killed\", or a participle with a by-phrase)."),
        Column("agent", "string", "Who acts: the active subject, or a passive's by-phrase; empty in an "
               "agentless passive."),
        Column("agent_entity", "string", "The canonical entity named in `agent`, if any."),
        Column("patient", "string", "Who or what is acted on: the object, or the passive subject."),
        Column("patient_entity", "string", "The canonical entity named in `patient`, if any."),
        Column("start_char", "int", "Offset of the verb in `articles.text`."),
    ),
    sort_by=("article_id", "start_char"),
)

HEADLINE_TOKENS = Table(
    "headline_tokens",
    "One row per word or punctuation mark of each article's headline, from spaCy (headline against body, "
    "notebook 06).",
    TOKENS.columns,
    note="The headline is parsed as one sentence (`sentence_id` 0); articles without a headline have no rows. "
         "Written as Parquet only, like `tokens`.",
    sort_by=("article_id", "sentence_id", "token_id"),
    csv=False,
)

REUSE = Table(
    "reuse",
    "One row per ordered pair of articles compared for text reuse (see notebook 07): how much of the target is "
    "in the source.",
    (
        Column("source_id", "string", "The article the text may come from."),
        Column("target_id", "string", "The article that may reuse it."),
        Column("containment", "float", "Share of the target's word 5-grams (spelling and punctuation normalised) "
               "also in the source: |S(source) ∩ S(target)| / |S(target)|, from 0 to 1."),
        Column("shared_words", "int", "Words of the target inside passages it shares with the source "
               "(see `reuse_passages`)."),
        Column("share", "float", "`shared_words` over the target's words, from 0 to 1: the measure behind `label`."),
        Column("n_passages", "int", "Shared passages found between the two articles."),
        Column("label", "string", "METER-style label of the target with respect to this source alone: `wholly "
               "derived` (share ≥ 0.8), `partially derived` (≥ 0.2) or `not derived`."),
        Column("is_derivation", "bool", "True for the pair chosen in `derivation` (the target's most likely source)."),
    ),
    note="Every pair is compared in both directions when the corpus has fewer than 300 articles; above that, only "
         "the candidate pairs MinHash LSH finds (the others share almost nothing).",
    sort_by=("source_id", "target_id"),
)

REUSE_PASSAGES = Table(
    "reuse_passages",
    "One row per passage two articles share, exactly or nearly (a changed spelling, punctuation or a few words "
    "changed, added or dropped).",
    (
        Column("source_id", "string", "The source article (see `reuse`)."),
        Column("target_id", "string", "The target article."),
        Column("passage_id", "int", "Position of the passage in the target, from 0."),
        Column("target_start", "int", "Offset of the passage's first character in the target's `articles.text`."),
        Column("target_end", "int", "Offset just past its last character in the target's `articles.text`."),
        Column("source_start", "int", "Offset of the passage's first character in the source's `articles.text`."),
        Column("source_end", "int", "Offset just past its last character in the source's `articles.text`."),
        Column("n_words", "int", "Words of the target the passage spans."),
        Column("n_matched", "int", "Of those, words matched exactly (after normalisation)."),
        Column("text", "string", "The passage as the target writes it."),
    ),
    sort_by=("source_id", "target_id", "passage_id"),
)

DERIVATION = Table(
    "derivation",
    "One row per article: whether it is derived from another article of the corpus, and from which one.",
    (
        Column("article_id", "string", "The article."),
        Column("label", "string", "`wholly derived`, `partially derived` or `not derived` (METER's classes)."),
        Column("source_id", "string", "The article it most likely derives from; empty when not derived."),
        Column("share", "float", "Share of the article's words in passages shared with `source_id`."),
        Column("containment", "float", "Containment of the article's word 5-grams in `source_id`'s."),
        Column("shared_words", "int", "Words of the article in passages shared with `source_id`."),
        Column("decided_by", "string", "What made `source_id` the original rather than the copy: `earlier date`, "
               "`wire copy` (its dateline or outlet names a news agency), `less contained` or `article id`."),
    ),
    sort_by=("article_id",),
)

QUOTES = Table(
    "quotes",
    "One row per quote: direct (between quotation marks), mixed (reported speech with quoted words inside) or "
    "indirect (\"X said that …\", \"according to X\"), with its speaker and reporting verb (see notebook 05).",
    (
        Column("article_id", "string", "The article."),
        Column("sentence_id", "int", "The sentence where the quote starts."),
        Column("kind", "string", "`direct` (the words inside quotation marks), `mixed` (a reported clause that "
               "holds quoted words: Flynn said Trump was “absolutely right”) or `indirect` (reported speech with "
               "no quoted words)."),
        Column("quote", "string", "The quote as written: for direct quotes the words inside the quotation marks "
               "(a split quote “A,” she said, “B.” runs from A to B, the attribution included); for mixed and "
               "indirect quotes the reported clause, quotation marks kept."),
        Column("speaker", "string", "The canonical entity who is quoted (pronouns and short names resolved); for a "
               "source no entity names, the phrase that describes it (\"senior GOP aide\", \"US officials\"); "
               "empty when unattributed or unresolved."),
        Column("speaker_text", "string", "The speaker as written (\"he\", \"US officials\", \"the monitor\")."),
        Column("speaker_type", "string", "Source type (government/official, politician, military, police/security, "
               "judiciary/legal, expert/academic, NGO/monitor, business, media, religious, militant group, "
               "citizen/witness, celebrity/sports, anonymous), `other`, or `unattributed`: one per speaker and "
               "article, from `data/lexicons/source_types.csv`, `source_roles.csv` and `organisation_types.csv`."),
        Column("verb", "string", "The reporting verb's lemma (`say`, `claim`, `call on`, `according to`); empty "
               "when none."),
        Column("verb_class", "string", "Its class in `data/lexicons/reporting_verbs.csv` (neutral, distancing, "
               "endorsing …)."),
        Column("start_char", "int", "Offset of the quote in `articles.text`."),
        Column("end_char", "int", "Offset just past the quote in `articles.text`."),
        Column("type_evidence", "string", "What decided `speaker_type`, the most specific evidence the article gives: "
               "an entity row, a role (\"'senator'\", \"'spokeswoman' of Red Cross\"), an unnamed official, an "
               "organisation's name, a place speaking, or `corpus: …` (the type other articles give the speaker)."),
        Column("speaker_gender", "string", "`female`, `male` or `unknown` for a person quoted (as in `people`); "
               "empty for organisations, places and unnamed sources."),
        Column("gender_evidence", "string", "What decided `speaker_gender` (a title, a role noun, the pronouns, the "
               "first name)."),
    ),
    sort_by=("article_id", "start_char", "kind"),
)

PEOPLE = Table(
    "people",
    "One row per person named in an article: how often mentioned and quoted, and the gender the text gives them "
    "(see notebook 05; the method of the Gender Gap Tracker).",
    (
        Column("article_id", "string", "The article."),
        Column("entity", "string", "The person's canonical name (an entity of type person in `mentions`)."),
        Column("n_mentions", "int", "Mentions of the person in the article."),
        Column("n_quotes", "int", "Quotes the article attributes to the person (0: mentioned, not quoted)."),
        Column("gender", "string", "`female`, `male` or `unknown`: from the text first (Mr./Ms., gendered role "
               "nouns, pronouns that refer to the person), then the first name's entry in gender-guesser; "
               "never guessed. How the text presents the person, not who the person is."),
        Column("gender_evidence", "string", "What decided `gender`."),
    ),
    sort_by=("article_id", "entity"),
)

CLEAN_TABLES = (ARTICLES, PARAGRAPHS, REMOVED, PROBLEMS)
NLP_TABLES = (SENTENCES, MENTIONS, DROPPED_MENTIONS, STORIES, STORY_LINKS, FACTS, PLACES, TOKENS, CLAUSES,
              HEADLINE_TOKENS, REUSE, REUSE_PASSAGES, DERIVATION, QUOTES, PEOPLE)
TABLES: dict[str, Table] = {t.name: t for t in CLEAN_TABLES + NLP_TABLES}


