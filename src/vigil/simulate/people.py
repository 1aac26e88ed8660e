"""The people a force meets in a year, and how they come out when typed into a record.

A `Population` holds each true person as integers (name indices, date of birth, current and old
address, two phones). `enter_persons` turns a list of true person ids into persons rows as a call
handler would have typed them — one row per time a person is entered — with the variations record
linkage must undo: nicknames, typos, swapped forename/surname, day/month swapped or missing dates
of birth, old addresses, new or missing phones, postcode formatting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigil.simulate.geography import INWARD_LETTERS, STREET_KINDS, STREETS, Geography

# Forename -> nicknames a person might give or a handler might type.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Robert": ("Bob", "Rob", "Bobby"), "William": ("Bill", "Will", "Billy"), "James": ("Jim", "Jimmy", "Jamie"),
    "Michael": ("Mike", "Mick"), "Richard": ("Rick", "Dick", "Richie"), "Thomas": ("Tom", "Tommy"),
    "Anthony": ("Tony",), "Christopher": ("Chris",), "Daniel": ("Dan", "Danny"), "Joseph": ("Joe",),
    "Edward": ("Ed", "Ted", "Eddie"), "Nicholas": ("Nick",), "Matthew": ("Matt",), "Andrew": ("Andy", "Drew"),
    "Steven": ("Steve",), "David": ("Dave", "Davey"), "Alexander": ("Alex", "Sandy"), "Benjamin": ("Ben",),
    "Samuel": ("Sam",), "Jonathan": ("Jon", "Jonny"), "Patrick": ("Pat", "Paddy"), "Kenneth": ("Ken", "Kenny"),
    "Elizabeth": ("Liz", "Beth", "Lizzie"), "Margaret": ("Maggie", "Peggy", "Meg"), "Katherine": ("Kate", "Kathy", "Katie"),
    "Jennifer": ("Jen", "Jenny"), "Rebecca": ("Becky", "Becca"), "Samantha": ("Sam", "Sammy"),
    "Susan": ("Sue", "Susie"), "Patricia": ("Pat", "Trish"), "Victoria": ("Vicky", "Tori"), "Jessica": ("Jess",),
    "Deborah": ("Debbie", "Deb"), "Abigail": ("Abby",), "Catherine": ("Cathy", "Cat"), "Christine": ("Chris", "Tina"),
    "Alexandra": ("Alex", "Lexi"), "Charlotte": ("Charlie", "Lottie"), "Natalie": ("Nat",), "Eleanor": ("Ellie", "Nell"),
}
OTHER_FORENAMES = (
    "Mohammed", "Aisha", "Priya", "Oluwaseun", "Chidi", "Fatima", "Zainab", "Wei", "Ana", "Kwame", "Amir",
    "Sofia", "Olivia", "Amelia", "Isla", "Ava", "Grace", "Lily", "Emily", "Chloe", "Ruby", "Noah", "Oliver",
    "George", "Harry", "Jack", "Leo", "Oscar", "Arthur", "Muhammad", "Yusuf", "Ibrahim", "Hassan", "Ali",
    "Maria", "Ewa", "Piotr", "Tomasz", "Agnieszka", "Ioana", "Andrei", "Deepa", "Sanjay", "Ravi", "Anjali",
    "Kofi", "Ama", "Tunde", "Ngozi", "Kemi", "Jamal", "Tyrone", "Shanice", "Leon", "Marcus", "Connor", "Megan",
    "Sean", "Siobhan", "Ciaran", "Declan", "Mei", "Hui", "Jin", "Hana", "Yasmin", "Nadia", "Omar", "Layla",
)
FORENAMES: tuple[str, ...] = tuple(NICKNAMES) + OTHER_FORENAMES
SURNAMES = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
    "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
    "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
    "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson",
    "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell",
    "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell",
    "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey", "Graham", "Pearson", "Ahmed",
    "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart", "Elliott", "Reynolds", "Saunders",
    "Okafor", "Adeyemi", "Mensah", "Nowak", "Kowalski", "Popescu", "Chen", "Wang", "Nguyen", "Rahman",
    "Chowdhury", "Mahmood", "Osei", "Boateng", "O'Brien", "O'Connor", "McCarthy", "Doyle", "Quinn", "Sharma",
)
# Surnames are long-tailed: a few very common, a great many rare. The common ones above are joined by
# invented English place-style surnames (prefix + suffix) so that a Met-sized population does not
# hold hundreds of people per name — which real records would not either.
SURNAME_PREFIXES = ("Ash", "Black", "Bright", "Brook", "Cald", "Clay", "Cole", "Crom", "Dal", "Fair", "Fern", "Gold",
                    "Hal", "Hart", "Hay", "Holt", "Kings", "Lang", "Mar", "Nor", "Pen", "Ram", "Red", "Rock",
                    "Shel", "Stan", "Stock", "Thorn", "Wal", "Whit", "Win", "Wy", "Ather", "Bram", "Chad", "Dun")
SURNAME_SUFFIXES = ("by", "combe", "croft", "den", "field", "ford", "gate", "ham", "hurst", "ley", "more", "ton",
                    "well", "wick", "worth", "wood", "stone", "bury", "dale", "shaw")
SURNAMES = SURNAMES + tuple(p + s for p in SURNAME_PREFIXES for s in SURNAME_SUFFIXES if p + s not in SURNAMES)
# Zipf-like frequency by rank: rank 1 (Smith) about 1% of people, rare names a few in 100,000.
SURNAME_WEIGHTS = 1.0 / (np.arange(len(SURNAMES)) + 20.0)
SURNAME_WEIGHTS /= SURNAME_WEIGHTS.sum()
NICKNAME_LIST: tuple[tuple[str, ...], ...] = tuple(NICKNAMES.get(f, ()) for f in FORENAMES)
EPOCH = np.datetime64("1970-01-01", "D")


@dataclass
class Population:
    """Every true person the force meets, as integers (index = true person id)."""
    forename: np.ndarray
    surname: np.ndarray
    dob_days: np.ndarray          # days since 1970-01-01
    address: np.ndarray           # current address index
    old_address: np.ndarray       # where they lived before
    phone: np.ndarray             # 9 digits after "07"
    new_phone: np.ndarray
    address_ward: np.ndarray      # address index -> ward index
    address_number: np.ndarray
    address_street: np.ndarray
    address_kind: np.ndarray
    address_inward: np.ndarray

    @property
    def size(self) -> int:
        return len(self.forename)


def build_population(rng: np.random.Generator, size: int, geography: Geography) -> Population:
    households = max(100, size // 2)
    ward = rng.choice(geography.n_wards, households, p=geography.ward_weight)
    # Ages: adults mostly 18-80, some children and young people (judgement).
    age_days = np.where(rng.random(size) < 0.12, rng.integers(10 * 365, 18 * 365, size),
                        rng.integers(18 * 365, 85 * 365, size))
    return Population(
        forename=rng.integers(0, len(FORENAMES), size), surname=rng.choice(len(SURNAMES), size, p=SURNAME_WEIGHTS),
        dob_days=(np.datetime64("2025-01-01", "D") - EPOCH).astype(int) - age_days,
        address=rng.integers(0, households, size), old_address=rng.integers(0, households, size),
        phone=rng.integers(700_000_000, 799_999_999, size), new_phone=rng.integers(700_000_000, 799_999_999, size),
        address_ward=ward, address_number=rng.integers(1, 240, households),
        address_street=rng.integers(0, len(STREETS), households), address_kind=rng.integers(0, len(STREET_KINDS), households),
        address_inward=rng.integers(0, 10 * len(INWARD_LETTERS) ** 2, households),
    )


def addresses(population: Population, geography: Geography, index: np.ndarray) -> tuple[list[str], list[str], list[str]]:
    """(street address, town, postcode) for each address index, as the force's gazetteer holds them."""
    letters = len(INWARD_LETTERS)
    borough = geography.ward_borough[population.address_ward[index]]
    inward = population.address_inward[index]
    streets = [f"{number} {STREETS[street]} {STREET_KINDS[kind]}" for number, street, kind in
               zip(population.address_number[index].tolist(), population.address_street[index].tolist(),
                   population.address_kind[index].tolist())]
    towns = [geography.borough_names[b] for b in borough.tolist()]
    postcodes = [f"{geography.borough_outward[b]} {code // letters**2}{INWARD_LETTERS[code // letters % letters]}"
                 f"{INWARD_LETTERS[code % letters]}" for b, code in zip(borough.tolist(), inward.tolist())]
    return streets, towns, postcodes


def typo(rng: np.random.Generator, text: str) -> str:
    """One keying slip: a dropped, doubled, swapped or replaced letter."""
    if len(text) < 3:
        return text
    at = int(rng.integers(1, len(text) - 1))
    slip = int(rng.integers(0, 4))
    if slip == 0:
        return text[:at] + text[at + 1:]
    if slip == 1:
        return text[:at] + text[at] + text[at:]
    if slip == 2:
        return text[:at - 1] + text[at] + text[at - 1] + text[at + 1:]
    return text[:at] + "aeiourstn"[int(rng.integers(0, 9))] + text[at + 1:]


def _postcode_variant(postcode: str, style: int) -> str:
    if style == 0:
        return postcode.replace(" ", "")
    if style == 1:
        return postcode.lower()
    return postcode.replace(" ", "  ")


def _phone_text(number: int, style: int) -> str:
    digits = f"07{number:09d}"
    if style == 0:
        return digits
    if style == 1:
        return f"{digits[:5]} {digits[5:]}"
    return f"+44{digits[1:]}"


def enter_persons(rng: np.random.Generator, population: Population, geography: Geography,
                  true_ids: np.ndarray, rates: dict[str, float]) -> dict[str, list]:
    """Persons rows as typed, one per entry of `true_ids`; returns column lists (no ids)."""
    n = len(true_ids)
    roll = {name: rng.random(n) < share for name, share in rates.items()}
    styles = rng.integers(0, 3, (n, 2))
    picks = rng.integers(0, 3, n)
    fore_index = population.forename[true_ids]
    forenames = [FORENAMES[f] for f in fore_index.tolist()]
    surnames = [SURNAMES[s] for s in population.surname[true_ids].tolist()]
    for j in np.flatnonzero(roll["nickname"]).tolist():
        nicknames = NICKNAME_LIST[fore_index[j]]
        if nicknames:
            forenames[j] = nicknames[picks[j] % len(nicknames)]
    for j in np.flatnonzero(roll["forename_typo"]).tolist():
        forenames[j] = typo(rng, forenames[j])
    for j in np.flatnonzero(roll["surname_typo"]).tolist():
        surnames[j] = typo(rng, surnames[j])
    for j in np.flatnonzero(roll["swapped_names"]).tolist():
        forenames[j], surnames[j] = surnames[j], forenames[j]
    home = np.where(roll["old_address"], population.old_address[true_ids], population.address[true_ids])
    streets, towns, postcodes = addresses(population, geography, home)
    for j in np.flatnonzero(roll["postcode_formatting"]).tolist():
        postcodes[j] = _postcode_variant(postcodes[j], styles[j, 0])
    for j in np.flatnonzero(roll["postcode_missing"]).tolist():
        postcodes[j] = None
    numbers = np.where(roll["new_phone"], population.new_phone[true_ids], population.phone[true_ids])
    phones = [None if missing else _phone_text(number, style) for number, style, missing in
              zip(numbers.tolist(), styles[:, 1].tolist(), roll["phone_missing"].tolist())]
    dobs = _entered_dates_of_birth(rng, population.dob_days[true_ids], roll)
    return {"forename": forenames, "surname": surnames, "date_of_birth": dobs, "address": streets,
            "town": towns, "postcode": postcodes, "phone": phones}


def _entered_dates_of_birth(rng: np.random.Generator, dob_days: np.ndarray, roll: dict[str, np.ndarray]):
    """Dates of birth as entered: some day/month swapped (where the swap is a real date), some a day
    or a year out, some missing. Returns a numpy datetime64[D] array with NaT for missing."""
    dates = EPOCH + dob_days.astype("timedelta64[D]")
    years = dates.astype("datetime64[Y]")
    months = (dates.astype("datetime64[M]") - years).astype(int) + 1
    days = (dates - dates.astype("datetime64[M]")).astype(int) + 1
    swappable = roll["dob_day_month_swapped"] & (days <= 12) & (days != months)
    swapped = years + (days - 1).astype("timedelta64[M]")
    swapped = swapped.astype("datetime64[D]") + (months - 1).astype("timedelta64[D]")
    dates = np.where(swappable, swapped, dates)
    slip = np.where(rng.random(len(dates)) < 0.5, 1, 365)
    dates = np.where(roll["dob_typo"], dates + slip.astype("timedelta64[D]"), dates)
    return np.where(roll["dob_missing"], np.datetime64("NaT", "D"), dates)


def display_name(forename: str, surname: str) -> str:
    """How a log names a person: 'Jane SMITH'."""
    return f"{forename} {surname.upper()}"
