"""Time of `m4c import` on a 10-page Word report with 10 photos (target: under 2 s).

    .venv/bin/python benchmarks/import_docx.py [--runs 5]

The report is written with python-docx as a city writes one: a title, labelled lines, ten
sections of several paragraphs and lists, a table, and ten camera photos (2400 x 1600 JPEG,
scaled to the size the site publishes). It prints the median time of the whole import (the
checks of the untrusted zip and XML, mammoth, the reading, the pictures, the report text;
``authoring.wordimport.import_docx``), of the command as a user runs it (with the validator,
in a content folder), and, as the baseline measured in the same run on the same document,
mammoth's conversion alone.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import mammoth

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from sitekit import SHIPPED, write_content  # noqa: E402
from wordkit import FreeForm, Section, free_form_docx  # noqa: E402

from m4c_build.adapters import cli  # noqa: E402
from m4c_build.authoring.prompts import load  # noqa: E402
from m4c_build.authoring.wordimport import Options, import_docx  # noqa: E402

WORDS = ["heritage", "city", "centre", "visitors", "housing", "residents", "plan", "municipal", "workshop",
         "river", "walls", "market", "streets", "timber", "roofs", "earthen", "facades", "tourism", "flows",
         "parking", "square", "council", "survey", "mapping", "owners", "grants"]
HEADINGS = ["Enjeu initial", "Objectifs", "Experts", "Acteurs impliqués", "Aide obtenue", "Contexte",
            "Leçons apprises", "Pistes de solutions", "Résultats", "Suivi"]


def photo(seed: int) -> bytes:
    """A camera-sized photo that does not compress to nothing (noise over a gradient)."""
    from PIL import Image

    rng = random.Random(seed)
    image = Image.effect_noise((2400, 1600), 40).convert("RGB")
    tint = Image.new("RGB", image.size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    Image.blend(image, tint, 0.5).save(out, "JPEG", quality=88)
    return out.getvalue()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def report() -> bytes:
    """About ten pages: 10 sections x (4 paragraphs of 80 words + 4 list items), a photo each."""
    rng = random.Random(18)
    sections = []
    for i, heading in enumerate(HEADINGS):
        paragraphs = [" ".join(sentence(rng, 16) for _ in range(5)) for _ in range(4)]
        sections.append(Section(heading, paragraphs=paragraphs, items=[sentence(rng, 10) for _ in range(4)],
                                table=[["Item", "Cost"], ["Coaches", "10"]] if i == 5 else [],
                                picture=(photo(i), f"Photo {i + 1} of the mission.", f"Caption {i + 1}.")))
    return free_form_docx(FreeForm(title="Québec : flux touristiques", lines=["Ville : Québec",
                                   "Dates : 12-13 mars 2024", "Thèmes : Tourisme"], sections=sections))


def median(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = report()
    registry = load(SHIPPED)[0]
    assert registry is not None
    result = import_docx(data, registry, Options())
    print(f"document: {len(data) / 1e6:.1f} MB, {len(result.media)} photos, "
          f"{len(result.text.splitlines())} lines of report")
    baseline = median(args.runs, lambda: mammoth.convert_to_html(io.BytesIO(data)))
    core = median(args.runs, lambda: import_docx(data, registry, Options()))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(data)
        roots = iter(range(args.runs))

        def command() -> None:
            root = write_content(Path(folder) / f"content-{next(roots)}", {})
            with Path("/dev/null").open("w") as sink:
                stdout, sys.stdout = sys.stdout, sink
                try:
                    assert cli.main(["import", str(source), "--content", str(root)]) == 0
                finally:
                    sys.stdout = stdout

        whole = median(args.runs, command)
    print(f"mammoth alone (baseline):            {baseline:.2f} s")
    print(f"import_docx (checks, reading, photos): {core:.2f} s  ({core / baseline:.2f}x the baseline)")
    print(f"m4c import (with the validator):     {whole:.2f} s  (target: under 2 s)")


if __name__ == "__main__":
    main()
