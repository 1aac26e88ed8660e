"""The keyword-search baseline: what a registrar's text search finds ("stalk", "punch", "threat"...).

A fixed, small keyword -> offence code map; each code found counts one crime. No negation, no
counting rules, no context. It produces the classify() output shape so evaluate.py scores it by
the same code path as the reader (docs/accuracy.md puts the two side by side).
"""

from __future__ import annotations

import re
from typing import Iterable

from vigil.catalogue import offences as catalogue

KEYWORDS = {  # search stem -> the offence a registrar would record on finding it
    "stalk": "8Q", "harass": "8L", "coercive": "8U", "controlling": "8U", "threat to kill": "3B", "kill": "3B",
    "threat": "9A", "punch": "105A", "assault": "105A", "hit": "105A", "kick": "105A", "abh": "8N", "injur": "8N",
    "gbh": "5D", "stab": "5D", "strangl": "8SF", "rape": "19C", "sexual": "20A", "grop": "20A", "expos": "88E",
    "rob": "34B", "burgl": "28E", "break in": "28E", "broke in": "28E", "shoplift": "46", "stole": "49",
    "stolen": "49", "theft": "49", "damage": "58D", "smash": "58D", "graffiti": "58D", "arson": "56B",
    "set fire": "56B", "knife": "10D", "drugs": "92D", "cannabis": "92E", "fraud": "53D", "scam": "53D",
}
_SEARCH = re.compile("|".join(sorted(map(re.escape, KEYWORDS), key=len, reverse=True)))


def keyword_classify(record: dict) -> dict:
    found = sorted({KEYWORDS[m.group(0)] for m in _SEARCH.finditer(record["narrative"].lower())})
    offences = [{"code": code, "name": catalogue()[code].name if code in catalogue() else code, "count": 1,
                 "confidence": 0.5, "points_to_prove": [], "evidence": [], "rule_refs": ["keyword search baseline"]}
                for code in found]
    return {"id": record.get("id"), "crime": bool(offences), "crime_count": len(offences), "offences": offences,
            "domestic": False, "asb": None, "vulnerability": [], "non_crime_reason": None if offences else "no keyword"}


def keyword_classify_many(records: Iterable[dict]) -> list[dict]:
    return [keyword_classify(r) for r in records]
