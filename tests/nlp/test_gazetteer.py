"""The offline gazetteer: cities and countries, their spellings and where they are."""

from __future__ import annotations

import pytest

from helpers.nlp import gazetteer


def test_london_is_the_british_capital_not_london_ontario():
    place = gazetteer.lookup("London")
    assert (place.name, place.kind, place.country) == ("London", "city", "GB")
    assert 51.3 < place.lat < 51.7 and -0.3 < place.lon < 0.1


def test_a_country_has_a_centroid_inside_it():
    place = gazetteer.lookup("Syria")
    assert (place.kind, place.country) == ("country", "SY")
    assert 32 <= place.lat <= 37.5 and 35.5 <= place.lon <= 42.5


def test_a_country_wins_over_a_city_of_the_same_name():
    assert gazetteer.lookup("Mexico").kind == "country"


@pytest.mark.parametrize(("name", "expected"), [
    ("Abu Kamal", "Ālbū Kamāl"),
    ("Albu Kamal", "Ālbū Kamāl"),
    ("Raqqa", "Ar Raqqah"),
    ("mosul", "Mosul"),
    ("  Mosul ", "Mosul"),
])
def test_alternate_spellings_and_case_find_the_same_place(name, expected):
    place = gazetteer.lookup(name)
    assert place is not None and place.name == expected
    assert gazetteer.is_place(name)


@pytest.mark.parametrize("name", ["Euphrates", "Rumana", "Kobajjep", "Xyzzyland", "", "al"])
def test_unknown_names_are_none(name):
    assert gazetteer.lookup(name) is None
    assert not gazetteer.is_place(name)


@pytest.mark.parametrize(("name", "south", "north", "west", "east"), [
    ("Russia", 50, 70, 40, 140),  # its outline crosses the antimeridian
    ("Fiji", -20, -15, 176, 180),  # so does its largest ring
    ("United States", 30, 48, -115, -80),
    ("Iraq", 29, 37.5, 38.5, 48.5),
])
def test_country_centroids_are_inside_the_country(name, south, north, west, east):
    place = gazetteer.lookup(name)
    assert place.kind == "country"
    assert south <= place.lat <= north and west <= place.lon <= east, place


def test_every_country_centroid_is_a_valid_coordinate():
    countries = {p for places in gazetteer._index().values() for p in places if p.kind == "country"}
    assert len(countries) > 150
    bad = [p for p in countries if not (-90 <= p.lat <= 90 and -180 <= p.lon <= 180)]
    assert bad == []


def test_country_outlines_are_decoded_to_degrees():
    shapes = gazetteer.country_shapes()
    name, rings = shapes[760]  # ISO 3166-1 numeric code of Syria
    assert name == "Syria"
    points = [point for ring in rings for point in ring]
    assert all(35 <= lon <= 43 and 32 <= lat <= 38 for lon, lat in points)
