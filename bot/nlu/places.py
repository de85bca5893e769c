"""The city a party is in, when a customer names one instead of a zip ("we're in oakland",
"do you service fresno", "can you come out to walnut creek").

A city counts only where a place is expected: after "in", "near", "around", a word for
serving ("service", "cover") or a word for coming ("come out to", "travel to"), before
"area", or as the whole answer to the zip question. The names themselves are the booking
core's (every city of the service states, ``Ports.city_names``), so no list of places is
kept here; only names that are everyday words are left out.
"""

from __future__ import annotations

from collections.abc import Collection

from core.geo import fold_place

# Words after which a place is named: "we're in davis", "do you serve elk grove".
_PLACE_BEFORE = frozenset({
    "in", "near", "around", "outside", "service", "services", "servicing", "serve", "serves",
    "serving", "cover", "covers", "covering", "reach",
})
# "to" names a place only after a word for coming there ("come out to", "drive to") or
# for its cost ("the travel fee to santa cruz", "how far to davis"), not in "talk to" or
# "send it to".
_COMING = frozenset({
    "come", "comes", "coming", "go", "goes", "going", "drive", "driving", "travel", "traveling",
    "travelling", "out", "way", "deliver", "cater", "it", "trip", "fee", "fees", "charge",
    "cost", "mileage", "distance", "far",
})
# City names of the service states that are everyday words ("is the chicken in orange
# sauce", "in case", "near vista point"); a customer there gives the zip instead.
_EVERYDAY = frozenset({
    "alpine", "badger", "baker", "bell", "canyon", "challenge", "commerce", "cool", "coyote",
    "diablo", "elk", "empire", "freedom", "gazelle", "harmony", "helm", "herald", "highland",
    "hood", "imperial", "independence", "lakeside", "likely", "lookout", "lotus", "meridian",
    "mineral", "needles", "nice", "onyx", "orange", "pioneer", "rescue", "standard",
    "strawberry", "sugarloaf", "surfside", "thermal", "topaz", "victor", "vista", "walnut",
    "weed", "winters",
})
_LONGEST = 4  # words in the longest name looked for ("rancho santa margarita" is 3)


def find_cities(text: str, names: Collection[str], *, whole: bool = False) -> list[str]:
    """Folded names of the cities the text names where a place is expected, in order.
    ``whole``: the text may also be nothing but a city ("oakland", "san jose ca"), as an
    answer to "what's the zip code of the party?"."""
    words = fold_place(text).split()

    def city(name: str) -> bool:
        return name in names and name not in _EVERYDAY

    if whole:
        bare = " ".join(words[:-1] if len(words) > 1 and words[-1] in ("ca", "california") else words)
        if city(bare):
            return [bare]

    def named_at(start: int) -> int:
        """How many words of the longest name starting at ``words[start]`` (0: none)."""
        return next((n for n in range(min(_LONGEST, len(words) - start), 0, -1)
                     if city(" ".join(words[start:start + n]))), 0)

    found: list[str] = []
    for i, word in enumerate(words):
        if _introduces(words, i):  # "in (the) <name>": the longest name that follows
            start = i + 2 if words[i + 1:i + 2] == ["the"] else i + 1
            while n := named_at(start):  # "to san jose(,) or oakland": each name of a list
                found.append(" ".join(words[start:start + n]))
                start += n
                if words[start:start + 1] in (["or"], ["and"]):
                    start += 1
        elif word == "area":  # "the sacramento area": the longest name before
            before = (" ".join(words[i - n:i]) for n in range(min(_LONGEST, i), 0, -1))
            found.extend(next(([name] for name in before if city(name)), []))
    return list(dict.fromkeys(found))


def _introduces(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is followed by a place: "in", "serve", or "to" after coming."""
    if words[i] in _PLACE_BEFORE:
        return True
    return words[i] == "to" and i > 0 and words[i - 1] in _COMING
