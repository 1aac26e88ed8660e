"""Who is calling: an in-memory index of every person entry, built once at start-up, that turns a
caller's details into scored candidate persons within a millisecond or two.

How it works (so a reviewer can check any answer by hand):
1. Every `persons` row is normalised (vigil.service.names) and kept as a few integer columns
   (about 40 bytes a row): ids of the forename, formal forename, surname and surname sound, date of
   birth as YYYYMMDD, postcode id, phone digits and an address fingerprint, and the resolved person.
2. Blocking keys (surname sound + date of birth, formal forename + surname sound + birth year,
   formal forename + date of birth, date of birth + postcode, postcode + surname sound, phone,
   address) are packed into 64-bit integers, sorted once; a look-up is a binary search per key.
3. Each candidate entry is scored by adding the weight of each field that agrees (AGREEMENT_WEIGHTS)
   and subtracting a little for fields that both sides give and that disagree
   (DISAGREEMENT_WEIGHTS); a person's score is that of their best-matching entry. A person is a
   match at MATCH_THRESHOLD or above: two independent identifiers must agree (surname and date of
   birth, surname and phone, forename, surname and postcode), never a name alone.

The person an entry belongs to comes from `person_links` (the person linker); an entry the linker
has not resolved yet stands for itself, so the service works before the first linkage run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import jellyfish
import numpy as np
import pyarrow as pa

from vigil.service import names

# Field agreement -> weight (points). Roughly log2 of how much more often the agreement is seen
# between two entries of the same person than between two different people, rounded, so that a
# reader can add them up by hand; the date of birth and the phone are the most discriminating.
AGREEMENT_WEIGHTS: dict[tuple[str, str], float] = {
    ("surname", "exact"): 3.0, ("surname", "sounds alike"): 2.0, ("surname", "similar spelling"): 1.5,
    ("forename", "exact"): 2.0, ("forename", "nickname"): 1.5, ("forename", "similar spelling"): 1.0,
    ("date_of_birth", "exact"): 4.0, ("date_of_birth", "day and month swapped"): 3.0,
    ("date_of_birth", "one digit different"): 2.5,
    ("postcode", "exact"): 2.0, ("phone", "exact"): 4.0, ("address", "exact"): 2.0,
}
# Both sides give the field and it disagrees. People move and change phones, so only names and
# dates of birth count against a match.
DISAGREEMENT_WEIGHTS: dict[str, float] = {"surname": -1.0, "forename": -1.0, "date_of_birth": -3.0}
MATCH_THRESHOLD = 6.0    # two independent identifiers, e.g. surname (3) + date of birth (4)
STRONG_MATCH = 9.0       # three or more, e.g. forename + surname + date of birth
SIMILAR_SPELLING = 0.88  # Jaro-Winkler similarity from which two names count as a misspelling
MAX_ROWS_PER_KEY = 2_000  # a block bigger than this (a very common name in one year) is cut short
MAX_MATCHES = 5

FIELDS = ("forename", "surname", "date_of_birth", "postcode", "phone", "address")
_LEVELS = {f: [a for (g, a) in AGREEMENT_WEIGHTS if g == f] for f in FIELDS}
_DISAGREE = -1

# Blocking key tags, in the top bits of the 64-bit key (the parts of one key use at most 59 bits).
_TAG_SHIFT = 59
_SOUND_DOB, _FORMAL_SOUND_YEAR, _FORMAL_DOB, _DOB_POSTCODE, _POSTCODE_SOUND, _PHONE, _ADDRESS = range(1, 8)


@dataclass
class CallerDetails:
    forename: str | None = None
    surname: str | None = None
    date_of_birth: date | str | None = None
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None


@dataclass
class Candidate:
    person_id: str
    person_index: int
    score: float
    agreements: list[tuple[str, str, float]]  # (field, agreement, weight); negative weight = disagreement
    entry: dict = field(default_factory=dict)  # the best-matching entry, normalised, for display

    @property
    def strength(self) -> str:
        return "strong" if self.score >= STRONG_MATCH else "probable"


class _Vocabulary:
    """Distinct normalised values of one text column: row -> id, id -> text, text -> id."""

    def __init__(self, column: pa.Array, normalise):
        encoded = column.dictionary_encode()
        self.words: list[str] = []
        self.lookup: dict[str, int] = {}
        raw_to_id = np.empty(len(encoded.dictionary) + 1, dtype=np.int32)
        raw_to_id[-1] = -1  # null rows
        for i, raw in enumerate(encoded.dictionary.to_pylist()):
            raw_to_id[i] = self.id_of(normalise(raw), add=True)
        indices = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        self.rows = raw_to_id[indices]

    def id_of(self, word: str, add: bool = False) -> int:
        if not word:
            return -1
        found = self.lookup.get(word)
        if found is None and add:
            found = self.lookup[word] = len(self.words)
            self.words.append(word)
        return -1 if found is None else found

    def derived(self, derive) -> "_Derived":
        return _Derived(self, derive)


class _Derived:
    """A coarser key of a vocabulary (formal forename, surname sound): vocabulary id -> derived id."""

    def __init__(self, source: _Vocabulary, derive):
        self.derive = derive
        self.lookup: dict[str, int] = {}
        by_source = np.array([self.lookup.setdefault(derive(w), len(self.lookup)) for w in source.words] + [-1],
                             dtype=np.int32)
        self.rows = by_source[source.rows]  # -1 rows index the trailing -1

    def id_of(self, word: str) -> int:
        return self.lookup.get(self.derive(word), -1) if word else -1


def _values(column: pa.Array, convert, dtype) -> np.ndarray:
    encoded = column.dictionary_encode()
    by_raw = np.array([convert(v) for v in encoded.dictionary.to_pylist()] + [0], dtype=dtype)
    return by_raw[encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)]


def _dob_code(dob: np.ndarray) -> np.ndarray:
    """YYYYMMDD -> a 17-bit day code for years 1800-2151; -1 when missing or out of range."""
    year, month, day = dob // 10000, dob // 100 % 100, dob % 100
    ok = (year >= 1800) & (year < 2152) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)
    return np.where(ok, (year - 1800) * 372 + (month - 1) * 31 + (day - 1), -1).astype(np.int64)


def _pack(tag: int, *parts: tuple[np.ndarray, int]) -> tuple[np.ndarray, np.ndarray]:
    """Pack (values, bits) parts under a tag; returns (keys, mask of rows where every part is present)."""
    key = np.zeros(len(parts[0][0]), dtype=np.uint64)
    present = np.ones(len(parts[0][0]), dtype=bool)
    for values, bits in parts:
        values = np.asarray(values, dtype=np.int64)
        present &= (values >= 0) & (values < (1 << bits))
        key = (key << np.uint64(bits)) | (np.where(values >= 0, values, 0).astype(np.uint64) & np.uint64((1 << bits) - 1))
    return key | np.uint64(tag << _TAG_SHIFT), present


def _digit_differences(a: np.ndarray, b: int) -> np.ndarray:
    differences = np.zeros(len(a), dtype=np.int8)
    for power in range(8):
        differences += ((a // 10 ** power) % 10 != (b // 10 ** power) % 10)
    return differences


def _swap_day_month(dob: int) -> int:
    year, month, day = dob // 10000, dob // 100 % 100, dob % 100
    return year * 10000 + day * 100 + month if day <= 12 and day != month else 0


class PersonIndex:
    """Normalised person entries and their blocking keys. Build with `from_arrow` or `from_store`."""

    def __init__(self, table: pa.Table):
        column = {name: table.column(name).combine_chunks() for name in table.column_names}
        people = column["person_id"].dictionary_encode()
        self.person_ids: pa.Array = people.dictionary
        self.row_person = people.indices.to_numpy(zero_copy_only=False).astype(np.int32)
        self.row_ids: pa.Array = column["person_row_id"]
        self.forename = _Vocabulary(column["forename"], names.name_key)
        self.surname = _Vocabulary(column["surname"], names.name_key)
        self.postcode = _Vocabulary(column["postcode"], names.postcode_key)
        self.formal = self.forename.derived(names.formal_forename)
        self.sound = self.surname.derived(names.surname_sound)
        self.dob = _values(column["date_of_birth"], names.birth_date_number, np.int32)
        self.phone = _values(column["phone"], names.phone_number, np.int64)
        self.address = _values(column["address"], names.address_hash, np.int64)
        keys, rows = self._keys(self.formal.rows, self.sound.rows, self.dob, self.postcode.rows, self.phone,
                                self.address)
        order = np.argsort(keys, kind="stable")
        self.keys, self.key_rows = keys[order], rows[order]

    @classmethod
    def from_store(cls, store) -> "PersonIndex":
        return cls(store.arrow(PERSON_ENTRIES_SQL))

    @property
    def entries(self) -> int:
        return len(self.row_person)

    @property
    def persons(self) -> int:
        return len(self.person_ids)

    def nbytes(self) -> int:
        arrays = (self.row_person, self.forename.rows, self.surname.rows, self.postcode.rows, self.formal.rows,
                  self.sound.rows, self.dob, self.phone, self.address, self.keys, self.key_rows)
        return sum(a.nbytes for a in arrays) + self.person_ids.nbytes + self.row_ids.nbytes

    def entry_person_table(self) -> pa.Table:
        """person_row_id -> person_index, for joining history to the same persons."""
        return pa.table({"person_row_id": self.row_ids, "person_index": pa.array(self.row_person)})

    @staticmethod
    def _keys(formal, sound, dob, postcode, phone, address):
        dob_code = _dob_code(np.asarray(dob, dtype=np.int64))
        year = np.where(dob_code >= 0, np.asarray(dob, dtype=np.int64) // 10000 - 1800, -1)
        phone = np.where(np.asarray(phone) > 0, phone, -1)
        address = np.where(np.asarray(address) > 0, address, -1)
        packed = [
            _pack(_SOUND_DOB, (sound, 24), (dob_code, 17)),
            _pack(_FORMAL_SOUND_YEAR, (formal, 22), (sound, 24), (year, 9)),
            _pack(_FORMAL_DOB, (formal, 22), (dob_code, 17)),
            _pack(_DOB_POSTCODE, (dob_code, 17), (postcode, 24)),
            _pack(_POSTCODE_SOUND, (postcode, 24), (sound, 24)),
            _pack(_PHONE, (phone, 40)),
            _pack(_ADDRESS, (address, 58)),
        ]
        row_numbers = np.arange(len(np.asarray(dob)), dtype=np.int32)
        keys = np.concatenate([k[present] for k, present in packed])
        rows = np.concatenate([row_numbers[present] for _, present in packed])
        return keys, rows

    # --- call time ------------------------------------------------------------------------------

    def match(self, caller: CallerDetails, limit: int = MAX_MATCHES) -> list[Candidate]:
        """The persons whose best entry scores MATCH_THRESHOLD or more, best first."""
        query = _Query(self, caller)
        rows = self._candidate_rows(query)
        if len(rows) == 0:
            return []
        scores, levels, names_swapped = self._score(rows, query)
        order = np.argsort(-scores, kind="stable")
        persons = self.row_person[rows[order]]
        _, first = np.unique(persons, return_index=True)  # each person's best entry
        best = order[np.sort(first)]
        best = best[scores[best] >= MATCH_THRESHOLD][:limit]
        return [self._candidate(rows[i], float(scores[i]), {f: levels[f][i] for f in levels}, bool(names_swapped[i]))
                for i in best]

    def _candidate_rows(self, query: "_Query") -> np.ndarray:
        found = []
        for key in query.keys():  # a uint64 scalar: a Python int would make numpy convert the whole array
            low = int(self.keys.searchsorted(key, side="left"))
            high = int(self.keys.searchsorted(key, side="right"))
            if high > low:
                found.append(self.key_rows[low:min(high, low + MAX_ROWS_PER_KEY)])
        return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int32)

    def _score(self, rows: np.ndarray, query: "_Query") -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
        levels = {f: np.zeros(len(rows), dtype=np.int8) for f in FIELDS}  # 0 = not compared
        straight = self._name_levels(rows, *query.names(swapped=False))
        swapped = self._name_levels(rows, *query.names(swapped=True))
        use_swapped = _weight_sum(swapped) > _weight_sum(straight)
        for f in ("forename", "surname"):
            levels[f] = np.where(use_swapped, swapped[f], straight[f])
        levels["date_of_birth"] = _dob_levels(self.dob[rows], query.dob)
        for f, values, wanted in (("postcode", self.postcode.rows, query.postcode_id),
                                  ("phone", self.phone, query.phone), ("address", self.address, query.address)):
            if wanted > 0 or (f == "postcode" and wanted >= 0):
                levels[f] = (values[rows] == wanted).astype(np.int8)
        return _weight_sum(levels), levels, use_swapped

    def _name_levels(self, rows, forename: "_Name", surname: "_Name") -> dict[str, np.ndarray]:
        return {"forename": _name_level(self.forename, self.forename.rows[rows], forename,
                                        self.formal.rows[rows], forename.derived_id),
                "surname": _name_level(self.surname, self.surname.rows[rows], surname,
                                       self.sound.rows[rows], surname.derived_id)}

    def _candidate(self, row: int, score: float, levels: dict[str, int], names_swapped: bool) -> Candidate:
        agreements = []
        for f in FIELDS:
            level = int(levels[f])
            if level > 0:
                agreement = _LEVELS[f][level - 1]
                weight = AGREEMENT_WEIGHTS[(f, agreement)]
                if names_swapped and f in ("forename", "surname"):
                    agreement += " (forename and surname swapped)"
                agreements.append((f, agreement, weight))
            elif level == _DISAGREE:
                agreements.append((f, "different", DISAGREEMENT_WEIGHTS[f]))
        person = int(self.row_person[row])
        dob = int(self.dob[row])
        entry = {"forename": _word(self.forename, row), "surname": _word(self.surname, row),
                 "date_of_birth": f"{dob // 10000:04d}-{dob // 100 % 100:02d}-{dob % 100:02d}" if dob else None,
                 "postcode": _word(self.postcode, row, names.postcode_display)}
        return Candidate(self.person_ids[person].as_py(), person, round(score, 2), agreements, entry)


def _word(vocabulary: _Vocabulary, row: int, display=str.title) -> str | None:
    word_id = int(vocabulary.rows[row])
    return display(vocabulary.words[word_id]) if word_id >= 0 else None


def _weight_sum(levels: dict[str, np.ndarray]) -> np.ndarray:
    total = np.zeros(len(next(iter(levels.values()))), dtype=np.float32)
    for f, level in levels.items():
        table = np.array([DISAGREEMENT_WEIGHTS.get(f, 0.0), 0.0]
                         + [AGREEMENT_WEIGHTS[(f, a)] for a in _LEVELS[f]], dtype=np.float32)
        total += table[level.astype(np.int64) + 1]
    return total


@dataclass
class _Name:
    key: str
    vocabulary_id: int
    derived_id: int


def _name_level(vocabulary: _Vocabulary, row_ids: np.ndarray, wanted: _Name, row_derived: np.ndarray,
                wanted_derived: int) -> np.ndarray:
    """Per row: 1 exact, 2 nickname / sounds alike, 3 similar spelling, -1 different, 0 not compared."""
    level = np.zeros(len(row_ids), dtype=np.int8)
    if not wanted.key:
        return level
    present = row_ids >= 0
    level[present] = _DISAGREE
    level[present & (row_derived == wanted_derived) & (wanted_derived >= 0)] = 2
    level[present & (row_ids == wanted.vocabulary_id) & (wanted.vocabulary_id >= 0)] = 1
    undecided = level == _DISAGREE
    if undecided.any():
        distinct = np.unique(row_ids[undecided])
        similar = [i for i in distinct
                   if jellyfish.jaro_winkler_similarity(vocabulary.words[i], wanted.key) >= SIMILAR_SPELLING]
        level[undecided & np.isin(row_ids, similar)] = 3
    return level


def _dob_levels(row_dob: np.ndarray, wanted: int) -> np.ndarray:
    """Per row: 1 exact, 2 day and month swapped, 3 one digit different, -1 different, 0 not compared."""
    level = np.zeros(len(row_dob), dtype=np.int8)
    if not wanted:
        return level
    present = row_dob > 0
    level[present] = _DISAGREE
    level[present & (_digit_differences(row_dob.astype(np.int64), wanted) == 1)] = 3
    swapped = _swap_day_month(wanted)
    if swapped:
        level[present & (row_dob == swapped)] = 2
    level[present & (row_dob == wanted)] = 1
    return level


class _Query:
    """The caller's details normalised and looked up in the index's vocabularies."""

    def __init__(self, index: PersonIndex, caller: CallerDetails):
        self.index = index
        self.forename_key, self.surname_key = names.name_key(caller.forename), names.name_key(caller.surname)
        self.dob = names.birth_date_number(caller.date_of_birth)
        postcode = names.postcode_key(caller.postcode)
        self.postcode_id = index.postcode.id_of(postcode) if postcode else -2  # -2: not given; -1: unknown
        self.phone = names.phone_number(caller.phone)
        self.address = names.address_hash(caller.address)

    def names(self, swapped: bool) -> tuple[_Name, _Name]:
        """(forename, surname) as given, or with the two swapped (a common slip when entering names)."""
        fore, sur = (self.surname_key, self.forename_key) if swapped else (self.forename_key, self.surname_key)
        index = self.index
        return (_Name(fore, index.forename.id_of(fore), index.formal.id_of(fore)),
                _Name(sur, index.surname.id_of(sur), index.sound.id_of(sur)))

    def keys(self) -> np.ndarray:
        """Blocking keys for the caller as given, with names swapped, and with day and month swapped."""
        dobs = [d for d in (self.dob, _swap_day_month(self.dob)) if d] or [0]
        postcode = self.postcode_id if self.postcode_id >= 0 else -1
        rows = [(fore.derived_id, sur.derived_id, dob, postcode)
                for fore, sur in (self.names(False), self.names(True)) for dob in dobs]
        formal, sound, dob, postcodes = (np.array(c, dtype=np.int64) for c in zip(*rows))
        phone = np.full(len(rows), self.phone or -1, dtype=np.int64)
        address = np.full(len(rows), self.address or -1, dtype=np.int64)
        keys, _ = self.index._keys(formal, sound, dob, postcodes, phone, address)
        return np.unique(keys)


PERSON_ENTRIES_SQL = """
    SELECT p.person_row_id, coalesce(l.person_id, p.person_row_id) AS person_id,
           p.forename, p.surname, p.date_of_birth, p.address, p.postcode, p.phone
    FROM persons AS p LEFT JOIN person_links AS l USING (person_row_id)
"""
