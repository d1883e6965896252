"""English plurals with the rules of the npm `pluralize` package (improvePluralization)."""

from __future__ import annotations

import re

__all__ = ["pluralize"]

_IRREGULAR = (
    ("i", "we"),
    ("me", "us"),
    ("he", "they"),
    ("she", "they"),
    ("them", "them"),
    ("myself", "ourselves"),
    ("yourself", "yourselves"),
    ("itself", "themselves"),
    ("herself", "themselves"),
    ("himself", "themselves"),
    ("themself", "themselves"),
    ("is", "are"),
    ("was", "were"),
    ("has", "have"),
    ("this", "these"),
    ("that", "those"),
    ("echo", "echoes"),
    ("dingo", "dingoes"),
    ("volcano", "volcanoes"),
    ("tornado", "tornadoes"),
    ("torpedo", "torpedoes"),
    ("genus", "genera"),
    ("viscus", "viscera"),
    ("stigma", "stigmata"),
    ("stoma", "stomata"),
    ("dogma", "dogmata"),
    ("lemma", "lemmata"),
    ("schema", "schemata"),
    ("anathema", "anathemata"),
    ("ox", "oxen"),
    ("axe", "axes"),
    ("die", "dice"),
    ("yes", "yeses"),
    ("foot", "feet"),
    ("eave", "eaves"),
    ("goose", "geese"),
    ("tooth", "teeth"),
    ("quiz", "quizzes"),
    ("human", "humans"),
    ("proof", "proofs"),
    ("carve", "carves"),
    ("valve", "valves"),
    ("looey", "looies"),
    ("thief", "thieves"),
    ("groove", "grooves"),
    ("pickaxe", "pickaxes"),
    ("passerby", "passersby"),
)
_SINGLE_TO_PLURAL = dict(_IRREGULAR)
_PLURALS = {plural for _, plural in _IRREGULAR}

_RULES: list[tuple[str, str]] = [
    (r"s?$", "s"),
    (r"[^\u0000-\u007F]$", "$0"),
    (r"([^aeiou]ese)$", "$1"),
    (r"(ax|test)is$", "$1es"),
    (r"(alias|[^aou]us|t[lm]as|gas|ris)$", "$1es"),
    (r"(e[mn]u)s?$", "$1s"),
    (r"([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$", "$1"),
    (
        r"(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)"
        r"(?:us|i)$",
        "$1i",
    ),
    (r"(alumn|alg|vertebr)(?:a|ae)$", "$1ae"),
    (r"(seraph|cherub)(?:im)?$", "$1im"),
    (r"(her|at|gr)o$", "$1oes"),
    (
        r"(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi"
        r"|curricul|automat|quor)(?:a|um)$",
        "$1a",
    ),
    (
        r"(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr"
        r"|automat)(?:a|on)$",
        "$1a",
    ),
    (r"sis$", "ses"),
    (r"(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$", "$1$2ves"),
    (r"([^aeiouy]|qu)y$", "$1ies"),
    (r"([^ch][ieo][ln])ey$", "$1ies"),
    (r"(x|ch|ss|sh|zz)$", "$1es"),
    (r"(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$", "$1ices"),
    (r"\b((?:tit)?m|l)(?:ice|ouse)$", "$1ice"),
    (r"(pe)(?:rson|ople)$", "$1ople"),
    (r"(child)(?:ren)?$", "$1ren"),
    (r"eaux$", "$0"),
    (r"m[ae]n$", "men"),
    (r"^thou$", "you"),
]
_UNCOUNTABLE_WORDS = frozenset(
    [
        "adulthood",
        "advice",
        "agenda",
        "aid",
        "aircraft",
        "alcohol",
        "ammo",
        "analytics",
        "anime",
        "athletics",
        "audio",
        "bison",
        "blood",
        "bream",
        "buffalo",
        "butter",
        "carp",
        "cash",
        "chassis",
        "chess",
        "clothing",
        "cod",
        "commerce",
        "cooperation",
        "corps",
        "debris",
        "diabetes",
        "digestion",
        "elk",
        "energy",
        "equipment",
        "excretion",
        "expertise",
        "firmware",
        "flounder",
        "fun",
        "gallows",
        "garbage",
        "graffiti",
        "hardware",
        "headquarters",
        "health",
        "herpes",
        "highjinks",
        "homework",
        "housework",
        "information",
        "jeans",
        "justice",
        "kudos",
        "labour",
        "literature",
        "machinery",
        "mackerel",
        "mail",
        "media",
        "mews",
        "moose",
        "music",
        "mud",
        "manga",
        "news",
        "only",
        "personnel",
        "pike",
        "plankton",
        "pliers",
        "police",
        "pollution",
        "premises",
        "rain",
        "research",
        "rice",
        "salmon",
        "scissors",
        "series",
        "sewage",
        "shambles",
        "shrimp",
        "software",
        "species",
        "staff",
        "swine",
        "tennis",
        "traffic",
        "transportation",
        "trout",
        "tuna",
        "wealth",
        "welfare",
        "whiting",
        "wildebeest",
        "wildlife",
        "you",
    ]
)
_UNCOUNTABLE_PATTERNS = (
    r"pok[eé]mon$",
    r"[^aeiou]ese$",
    r"deer$",
    r"fish$",
    r"measles$",
    r"o[iu]s$",
    r"pox$",
    r"sheep$",
)
# Checked last-added first, as the package does; uncountable patterns were added last.
_COMPILED = [
    (re.compile(p, re.IGNORECASE), r)
    for p, r in [*_RULES, *((p, "$0") for p in _UNCOUNTABLE_PATTERNS)]
][::-1]
_GROUP_REF = re.compile(r"\$(\d{1,2})")


def _restore_case(word: str, token: str) -> str:
    if word == token:
        return token
    if word == word.lower():
        return token.lower()
    if word == word.upper():
        return token.upper()
    if word[:1] == word[:1].upper():
        return token[:1].upper() + token[1:].lower()
    return token.lower()


def _apply(word: str, pattern: re.Pattern[str], replacement: str) -> str:
    match = pattern.search(word)
    assert match is not None
    groups = [match.group(0), *match.groups()]
    result = _GROUP_REF.sub(
        lambda m: (groups[int(m.group(1))] or "") if int(m.group(1)) < len(groups) else "",
        replacement,
    )
    if match.group(0) == "":
        # The package restores case from the argument after the match: the first group if
        # the pattern has one, else the offset (so the character before the end).
        anchor = word[match.start() - 1] if not match.groups() else (match.group(1) or "")
        restored = _restore_case(anchor, result)
    else:
        restored = _restore_case(match.group(0), result)
    return word[: match.start()] + restored + word[match.end() :]


def pluralize(word: str) -> str:
    token = word.lower()
    if token in _PLURALS:
        return _restore_case(word, token)
    if token in _SINGLE_TO_PLURAL:
        return _restore_case(word, _SINGLE_TO_PLURAL[token])
    if not token or token in _UNCOUNTABLE_WORDS:
        return word
    for pattern, replacement in _COMPILED:
        if pattern.search(word):
            return _apply(word, pattern, replacement)
    return word
