"""A generated content folder of N realistic reports, for the benchmarks and the tests at scale.

    from corpus import generate          # benchmarks/ on sys.path
    generate(Path("/tmp/content"), 2_000)

Reports look like the shipped ones (about 70 lines of fields and three sections of narrative,
3.5 KB), spread over the shipped cities and vocabulary (generated ones when those are absent),
in French, English and Spanish, one in five with a photo. The same seed gives the same files.
"""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "content"

WORDS = [
    "heritage", "city", "centre", "visitors", "housing", "residents", "plan", "municipal",
    "workshop", "river", "walls", "market", "streets", "timber", "roofs", "earthen", "facades",
    "tourism", "flows", "parking", "square", "council", "survey", "mapping", "owners", "grants",
    "repair", "craftsmen", "training", "buffer", "zone", "skyline", "views", "flooding",
    "drainage", "climate", "adaptation", "public", "space", "participation", "inventory",
]
NAMES = ["Ana Ferreira", "Luc Martin", "Olena Kovač", "Rustam Nazarov", "Claire Ashdown",
         "Dilyara Safina", "Tomás Benítez", "Gabriela Idrovo", "Mamadou Diop", "Yuki Tanaka"]
CONTACTS = ["Marie Tremblay", "João Almeida", "Inés Córdoba", "Piotr Nowak"]
"""City contacts: never among the experts (a contact's name elsewhere in a report is an error)."""
PLACES = ["Évora, Portugal", "Québec, Canada", "Cuenca, Ecuador", "Kraków, Poland",
          "Saint-Louis, Senegal", "Bergen, Norway", "Vigan, Philippines"]


# --- Generated content -------------------------------------------------------------------------


def _generated_registry() -> tuple[str, str]:
    regions = ["north-america", "southern-europe", "africa-middle-east", "asia-pacific"]
    groups = {
        "regions": regions,
        "themes": ["tourism", "housing", "mobility", "climate-risk", "governance", "public-space"],
        "heritage_topics": ["earthen-architecture", "wooden-heritage", "fortifications",
                            "waterfront", "archaeology"],
        "assistance_formats": ["workshop", "site-visit", "technical-note", "peer-review",
                               "training"],
    }
    vocabulary = "".join(
        f"{group}:\n" + "".join(
            f"  {key}:\n    labels: {{fr: {key.title()}, en: {key.title()}}}\n" for key in keys
        )
        for group, keys in groups.items()
    )
    cities = "".join(
        f"city-{i}:\n  name: City {i}\n  country: \"FR\"\n  region: {regions[i % len(regions)]}\n"
        f"  location: [{i % 80}.5, {i % 170}.25]\n"
        for i in range(30)
    )
    return cities, vocabulary


def _registry() -> tuple[str, str, str]:
    """(cities.yml, vocabulary.yml, where they come from)."""
    cities, vocabulary = SHIPPED / "cities.yml", SHIPPED / "vocabulary.yml"
    if cities.is_file() and vocabulary.is_file():
        return (cities.read_text(encoding="utf-8"), vocabulary.read_text(encoding="utf-8"),
                "shipped content/")
    return (*_generated_registry(), "generated")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random, sentences: int, indent: str = "") -> str:
    text = ". ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences)) + "."
    return textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=indent)


def report(rng: random.Random, city: str, vocabulary: dict[str, list[str]], photo: str | None,
           ) -> tuple[str, int]:
    """A report like the shipped ones (about 70 lines of fields, 3 sections), and its year."""
    start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
    days = rng.randint(1, 3)
    end = start + dt.timedelta(days=days - 1)

    def pick(group: str, low: int, high: int) -> str:
        return ", ".join(rng.sample(vocabulary[group], rng.randint(low, high)))

    def items(count: int, words: int = 10) -> str:
        return "".join(f"  - {_sentence(rng, words)}\n" for _ in range(count))

    experts = "".join(
        f"  - name: {name}\n    role: {_sentence(rng, 4)}\n    origin: {rng.choice(PLACES)}\n"
        + ("    international: false\n" if i == 2 else "")
        for i, name in enumerate(rng.sample(NAMES, rng.randint(2, 3)))
    )
    programme = "".join(
        f"  - {{date: {start + dt.timedelta(days=i % days)}, time: \"{9 + i:02d}:30\", "
        f"activity: {_sentence(rng, 7)}, with: {_sentence(rng, 3)}}}\n"
        for i in range(rng.randint(3, 5))
    )
    follow_up = "".join(
        f"  - {{action: {_sentence(rng, 8)}, owner: {_sentence(rng, 3)}, "
        f"due: {end + dt.timedelta(days=90 * (i + 1))}, status: planned}}\n"
        for i in range(3)
    )
    photos = f"photos:\n  - file: {photo}\n    alt: {_sentence(rng, 8)}\n" if photo else ""
    text = (
        "---\n"
        f"title: \"{city.title()}: {_sentence(rng, 6).lower()}\"\n"
        f"city: {city}\n"
        f"date: {start}\n"
        + (f"end_date: {end}\n" if days > 1 else "")
        + f"language: {rng.choice(['fr', 'en', 'es'])}\n"
        f"summary: {_sentence(rng, 16)}.\n"
        f"themes: [{pick('themes', 1, 3)}]\n"
        f"heritage_topics: [{pick('heritage_topics', 0, 2)}]\n"
        f"issue: >-\n{_paragraph(rng, 4, '  ')}\n"
        f"objectives:\n{items(3)}"
        f"plan: >-\n{_paragraph(rng, 2, '  ')}\n"
        f"expertise:\n{items(2)}"
        f"experts:\n{experts}"
        f"actors:\n  - {{name: {_sentence(rng, 3)}, role: Requesting city}}\n"
        f"  - {{name: {_sentence(rng, 4)}, role: Site management}}\n  - {_sentence(rng, 4)}\n"
        f"assistance:\n  summary: >-\n{_paragraph(rng, 2, '    ')}\n"
        f"  formats: [{pick('assistance_formats', 1, 3)}]\n"
        f"programme:\n{programme}"
        f"{photos}"
        f"solutions:\n{items(3, 14)}"
        f"difficulties:\n{items(2, 14)}"
        f"lessons:\n{items(3, 24)}"
        f"follow_up:\n{follow_up}"
        f"contact:\n  name: {rng.choice(CONTACTS)}\n  email: heritage@example.org\n"
        "---\n\n"
        + "".join(f"## {_sentence(rng, 3)}\n\n{_paragraph(rng, 6)}\n\n" for _ in range(3))
    )
    return text, start.year


def generate(root: Path, count: int, seed: int = 2024) -> str:
    """A content folder of ``count`` valid reports; returns where the registry came from."""
    cities_yml, vocabulary_yml, origin = _registry()
    (root / "missions").mkdir(parents=True)
    (root / "media").mkdir()
    (root / "cities.yml").write_text(cities_yml, encoding="utf-8")
    (root / "vocabulary.yml").write_text(vocabulary_yml, encoding="utf-8")
    cities = list(yaml.safe_load(cities_yml))
    vocabulary = {group: list(terms) for group, terms in yaml.safe_load(vocabulary_yml).items()}
    rng = random.Random(seed)
    for i in range(count):
        city = cities[i % len(cities)]
        photo = None
        if i % 5 == 0:  # one report in five has a photo
            photo = f"media/{city}-{i:05d}.jpg"
            (root / photo).write_bytes(b"\xff\xd8\xff\xe0")
        text, year = report(rng, city, vocabulary, photo)
        folder = root / "missions" / str(year)
        folder.mkdir(exist_ok=True)
        (folder / f"{year}-{city}-{i:05d}.md").write_text(text, encoding="utf-8")
    return origin
