"""How a caller's details are put into one comparable form, at index build and at call time alike
(one function per field, so the two can never drift apart).

Names lose case, accents, punctuation and spacing ("O'Brien" and "OBRIEN" agree); a forename is
also reduced to its formal name so nicknames agree ("Bob" and "Robert"); a surname also gets a
phonetic key (Metaphone: "Smyth" and "Smith", "Davies" and "Davis") for fuzzy blocking. Postcodes
lose spaces; phones keep their last 10 digits (so +44 7700 900123 and 07700 900123 agree); dates of
birth become the integer YYYYMMDD so day/month swaps and one-digit slips can be tested with
arithmetic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

import jellyfish

# Formal forename -> the short forms people give or call handlers type. Common English forms;
# a force adds its own here. Where one short form has two formal names ("Sam": Samuel and
# Samantha, "Alex", "Chris", "Pat") the first formal name listed wins, which still makes the two
# agree with each other through the shared key.
NICKNAME_GROUPS: dict[str, tuple[str, ...]] = {
    "ROBERT": ("BOB", "BOBBY", "ROB", "ROBBIE", "BERT"), "WILLIAM": ("BILL", "BILLY", "WILL", "WILLIE", "LIAM"),
    "JAMES": ("JIM", "JIMMY", "JAMIE", "JIMMIE"), "MICHAEL": ("MIKE", "MICK", "MICKY", "MIKEY"),
    "RICHARD": ("RICK", "RICKY", "DICK", "RICHIE", "RICH"), "THOMAS": ("TOM", "TOMMY"), "ANTHONY": ("TONY",),
    "CHRISTOPHER": ("CHRIS", "KIT"), "DANIEL": ("DAN", "DANNY"), "JOSEPH": ("JOE", "JOEY"),
    "EDWARD": ("ED", "TED", "EDDIE", "NED"), "NICHOLAS": ("NICK", "NICKY"), "MATTHEW": ("MATT",),
    "ANDREW": ("ANDY", "DREW"), "STEPHEN": ("STEVE", "STEVEN", "STEVIE"), "DAVID": ("DAVE", "DAVEY", "DAVY"),
    "ALEXANDER": ("ALEX", "SANDY", "XANDER"), "BENJAMIN": ("BEN", "BENNY"), "SAMUEL": ("SAM", "SAMMY"),
    "JONATHAN": ("JON", "JONNY", "JOHNNY"), "PATRICK": ("PAT", "PADDY"), "KENNETH": ("KEN", "KENNY"),
    "TIMOTHY": ("TIM", "TIMMY"), "PETER": ("PETE",), "PHILIP": ("PHIL",), "GERALD": ("GERRY",),
    "RAYMOND": ("RAY",), "RONALD": ("RON", "RONNIE"), "DONALD": ("DON", "DONNIE"), "LEONARD": ("LEN", "LENNY"),
    "ELIZABETH": ("LIZ", "BETH", "LIZZIE", "BETTY", "ELIZA", "LIBBY"), "MARGARET": ("MAGGIE", "PEGGY", "MEG", "MAG"),
    "KATHERINE": ("KATE", "KATHY", "KATIE", "KAT", "KATHRYN", "CATHERINE", "CATHY", "CAT"),
    "JENNIFER": ("JEN", "JENNY"), "REBECCA": ("BECKY", "BECCA"), "SAMANTHA": ("SAMMIE",),
    "SUSAN": ("SUE", "SUSIE", "SUZY"), "PATRICIA": ("TRISH", "PATSY", "TRICIA"), "VICTORIA": ("VICKY", "VICKI", "TORI"),
    "JESSICA": ("JESS", "JESSIE"), "DEBORAH": ("DEBBIE", "DEB", "DEBRA"), "ABIGAIL": ("ABBY", "ABBIE", "GAIL"),
    "CHRISTINE": ("TINA", "CHRISSIE"), "ALEXANDRA": ("LEXI", "ALEXA"), "CHARLOTTE": ("CHARLIE", "LOTTIE"),
    "NATALIE": ("NAT",), "ELEANOR": ("ELLIE", "NELL", "NELLIE"), "JACQUELINE": ("JACKIE",),
    "BARBARA": ("BARB", "BABS"), "DOROTHY": ("DOT", "DOTTIE"), "FREDERICK": ("FRED", "FREDDIE"),
    "GEORGINA": ("GEORGIE",), "HENRY": ("HARRY", "HAL"), "JOHN": ("JACK",), "MARY": ("MOLLY", "POLLY"),
}

_FORMAL_BY_SHORT: dict[str, str] = {}
for _formal, _shorts in NICKNAME_GROUPS.items():
    for _short in _shorts:
        _FORMAL_BY_SHORT.setdefault(_short, _formal)

_NOT_LETTERS = re.compile(r"[^A-Z ]+")
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")
_NOT_DIGITS = re.compile(r"[^0-9]+")
PHONE_DIGITS_KEPT = 10  # UK national numbers without the leading 0 or +44 are 10 digits (Ofcom numbering plan)


def _ascii_upper(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


def name_key(name: str | None) -> str:
    """'  o'Brien-Smith ' -> 'OBRIENSMITH'; '' when nothing is left."""
    if not name:
        return ""
    letters = _NOT_LETTERS.sub("", _ascii_upper(name).replace("-", " "))
    return _SPACES.sub("", letters)


def formal_forename(key: str) -> str:
    """The formal name for a normalised forename ('BOB' -> 'ROBERT'); itself when not a short form."""
    return _FORMAL_BY_SHORT.get(key, key)


def surname_sound(key: str) -> str:
    """Phonetic key of a normalised surname (Metaphone)."""
    return jellyfish.metaphone(key) if key else ""


def postcode_key(postcode: str | None) -> str:
    """'nw1 2ab' -> 'NW12AB'."""
    return _NOT_ALNUM.sub("", _ascii_upper(postcode)) if postcode else ""


def postcode_display(key: str) -> str:
    """'NW12AB' -> 'NW1 2AB' (the inward code is always the last three characters)."""
    return f"{key[:-3]} {key[-3:]}" if len(key) > 3 else key


def phone_number(phone: str | None) -> int:
    """The last 10 digits as an integer ('+44 (0)7700 900123' -> 7700900123); 0 when fewer than 10."""
    digits = _NOT_DIGITS.sub("", phone or "")
    return int(digits[-PHONE_DIGITS_KEPT:]) if len(digits) >= PHONE_DIGITS_KEPT else 0


def address_hash(address: str | None) -> int:
    """A 58-bit fingerprint of the address with case, punctuation and spacing removed; 0 when empty
    (the index keeps a fingerprint, not the text, to stay small)."""
    key = _NOT_ALNUM.sub("", _ascii_upper(address)) if address else ""
    if not key:
        return 0
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") >> 6


def birth_date_number(value: date | str | None) -> int:
    """date(1985, 3, 12) or '1985-03-12' -> 19850312; 0 when missing."""
    if not value:
        return 0
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.year * 10000 + value.month * 100 + value.day
