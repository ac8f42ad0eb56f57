"""The strict content walker: links, FIFOs and devices are refused by name, never opened; only
regular files inside the content folder are read or reach the site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import time_limit
from sitekit import PNG, base_report, build_site, report, write_config, write_content

from m4c_build.load.files import walk_content
from m4c_build.problems import Problems
from m4c_build.validate.content import validate_content

SECRET = "M4C_SECRET_TOKEN_8f2c"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the content folder, holding what must never be published."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(f"# Secret\n\n{SECRET}\n", encoding="utf-8")
    (folder / "report.md").write_text(report(**base_report(title=SECRET)), encoding="utf-8")
    return folder


def content_with(tmp_path: Path, **extra: str) -> Path:
    files = {"missions/a.md": report(**base_report(title="Mission A")), "pages/programme.md": "# Le programme\n",
             **extra}
    return write_content(tmp_path / "content", files)


def errors(root: Path) -> list[str]:
    with time_limit(30):
        result = validate_content(root)
    return [p.format(root) for p in result.problems if p.is_error]


def assert_published_nowhere(site: Path, text: str) -> None:
    if not site.exists():
        return
    for path in site.rglob("*"):
        if path.is_file():
            assert text.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(("link", "target"), [
    ("pages/environ.md", "/proc/self/environ"),
    ("pages/secret.md", "OUTSIDE/secret.md"),
    ("missions/b.md", "OUTSIDE/report.md"),
    ("cities.yml", "OUTSIDE/secret.md"),
    ("media/photo.png", "OUTSIDE/secret.md"),
])
def test_a_link_to_a_file_outside_is_an_error_naming_it(tmp_path: Path, outside: Path, link: str,
                                                       target: str) -> None:
    root = content_with(tmp_path)
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.symlink_to(target.replace("OUTSIDE", str(outside)))
    found = errors(root)
    assert f"{link}:1:1: error: '{path.name}' is a symbolic link to a file outside the content folder: " \
           "links are never followed (replace the link by the file itself)" in found, found
    assert len([line for line in found if line.startswith(link)]) == 1, "said once"


@pytest.mark.parametrize(("link", "target"), [("pages/media", "media"), ("pages/drafts", "missions")])
def test_a_linked_folder_inside_is_refused_too(tmp_path: Path, link: str, target: str) -> None:
    root = content_with(tmp_path, **{"missions/draft.md": report(**base_report(title=SECRET, status="draft"))})
    (root / "media").mkdir()
    (root / link).symlink_to(root / target, target_is_directory=True)
    assert any(line.startswith(f"{link}:1:1: error:") and "inside the content folder" in line
               for line in errors(root))


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    root = content_with(tmp_path)
    os.mkfifo(root / "pages" / "pipe.md")
    assert "pages/pipe.md:1:1: error: 'pipe.md' is a named pipe (FIFO), not a file: it is never read " \
           "(remove it from the content folder)" in errors(root)


def test_a_link_to_an_endless_device_ends_with_an_error(tmp_path: Path) -> None:
    root = content_with(tmp_path)
    (root / "pages" / "zero.md").symlink_to("/dev/zero")
    assert any(line.startswith("pages/zero.md:1:1: error:") for line in errors(root))


def test_the_reader_refuses_a_device_even_if_asked_directly(tmp_path: Path) -> None:
    from m4c_build.load.text import read_text

    problems = Problems()
    with time_limit(10):
        assert read_text(Path("/dev/zero"), problems) is None
    assert "not a regular file" in problems[0].message


def test_what_the_walker_accepts(tmp_path: Path) -> None:
    root = content_with(tmp_path, **{"pages/notes.txt": "private notes", "pages/plan.png": "",
                                     ".git/config": "x", "missions/.hidden.md": "x"})
    problems = Problems()
    files = walk_content(root, problems)
    assert [p.name for p in files.missions] == ["a.md"]
    assert [p.name for p in files.pages] == ["programme.md"]
    assert [p.name for p in files.page_assets] == ["plan.png"]
    assert [p.format(root) for p in problems] == [
        "pages/notes.txt:1:1: warning: 'notes.txt' is not a page or an image and is not published "
        "(pages/ holds .md pages and their images)"]


def test_a_build_publishes_only_what_the_walker_accepted(tmp_path: Path) -> None:
    root = content_with(tmp_path, **{"pages/notes.txt": SECRET})
    (root / "pages" / "plan.png").write_bytes(PNG)
    built = build_site(write_config(tmp_path, root, search=False))
    assert (built.site / "plan.png").is_file()
    assert not (built.site / "notes.txt").exists()
    assert_published_nowhere(built.site, SECRET)


def test_a_linked_page_stops_the_build_and_leaks_nothing(tmp_path: Path, outside: Path) -> None:
    root = content_with(tmp_path)
    (root / "pages" / "secret.md").symlink_to(outside / "secret.md")
    built = build_site(write_config(tmp_path, root, search=False), may_fail=True)
    assert built.failed
    assert_published_nowhere(built.site, SECRET)


def test_photos_come_only_from_accepted_media(tmp_path: Path, outside: Path) -> None:
    (outside / "photo.png").write_bytes(PNG + SECRET.encode())
    photo = {"file": "media/photo.png", "alt": "A photo"}
    root = content_with(tmp_path, **{"missions/a.md": report(**base_report(photos=[photo]))})
    (root / "media").mkdir()
    (root / "media" / "photo.png").symlink_to(outside / "photo.png")
    found = errors(root)
    assert any(line.startswith("media/photo.png:1:1: error:") for line in found), found
    assert any(line.startswith("missions/a.md:") and "photo 'media/photo.png' is a symbolic link (copy the file" in line
               for line in found), found


def test_a_photo_name_that_is_not_a_clean_address_gets_a_suggestion(tmp_path: Path) -> None:
    photo = {"file": "media/plan #2 ?.png", "alt": "A plan"}
    root = content_with(tmp_path, **{"missions/a.md": report(**base_report(photos=[photo]))})
    (root / "media").mkdir()
    (root / "media" / "plan #2 ?.png").write_bytes(PNG)
    assert any("photo name 'plan #2 ?.png' cannot be part of a clean web address (rename the file "
               "'media/plan-2.png'" in line for line in errors(root))


def test_a_wrong_today_is_a_configuration_error(tmp_path: Path, run_cli) -> None:
    root = content_with(tmp_path)
    config = write_config(tmp_path, root, search=False, today="2024-13-01")
    result = run_cli("build", "-f", str(config))
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    assert "'2024-13-01' is not a real date: write the day as YYYY-MM-DD" in result.err + result.out


# -- the reader, asked directly (a file may change between the walk and the read) ----------------------

READ_REFUSED = {
    "link.md": "'link.md' is a symbolic link: links are never followed (replace the link by the file itself)",
    "missing.md": "cannot read the file: No such file or directory",
    "fifo.md": "'fifo.md' is not a regular file: it is never read (remove it from the content folder)",
    "folder.md": "'folder.md' is not a regular file: it is never read (remove it from the content folder)",
    "big.md": "file is too large: 1,048,577 bytes; the limit is 1 MiB, 1,048,576 bytes "
              "(keep photos in media/ and text short)",
}


@pytest.fixture
def odd_files(tmp_path: Path) -> Path:
    from m4c_build.load.text import MAX_BYTES

    (tmp_path / "a.md").write_bytes(b"x" * MAX_BYTES)
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "big.md").write_bytes(b"x" * (MAX_BYTES + 1))
    return tmp_path


@pytest.mark.parametrize("name", READ_REFUSED)
def test_the_reader_refuses_by_name_what_is_not_a_regular_file_within_the_limit(odd_files: Path,
                                                                               name: str) -> None:
    from m4c_build.load.text import read_bytes

    problems = Problems()
    with time_limit(10):  # a FIFO opened for reading would wait for a writer forever
        assert read_bytes(odd_files / name, problems) is None
    assert [p.format(odd_files) for p in problems] == [f"{name}:1:1: error: {READ_REFUSED[name]}"]


def test_the_reader_reads_a_file_at_the_limit_and_read_text_passes_its_own(odd_files: Path) -> None:
    from m4c_build.load.text import MAX_BYTES, read_bytes, read_text

    problems = Problems()
    assert read_bytes(odd_files / "a.md", problems) == b"x" * MAX_BYTES
    assert read_text(odd_files / "a.md", problems, max_bytes=MAX_BYTES - 1) is None
    assert [p.format(odd_files) for p in problems] == [
        "a.md:1:1: error: file is too large: 1,048,576 bytes; the limit is 0.999999 MiB, 1,048,575 bytes "
        "(keep photos in media/ and text short)"]
    (odd_files / "bad.md").write_bytes(b"ok\r\n\xff")
    problems = Problems()
    assert read_text(odd_files / "bad.md", problems) is None
    assert [p.format(odd_files) for p in problems] == [
        "bad.md:2:1: error: the file is not UTF-8: unexpected byte 0xff (save it as UTF-8 in your editor)"]


# -- each kind of entry, by name ---------------------------------------------------------------------------

REFUSED = "it is never read (remove it from the content folder)"
LINK = "links are never followed (replace the link by the file itself)"


def test_each_kind_of_entry_is_named(tmp_path: Path) -> None:
    import socket

    from m4c_build.load.files import classify

    root = tmp_path.resolve()
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(root / "s.md"))
        os.mkfifo(root / "p.md")
        (root / "f.md").write_text("x", encoding="utf-8")
        (root / "d").mkdir()
        (root / "in.md").symlink_to(root / "f.md")
        (root / "out.md").symlink_to(tmp_path.parent)
        (root / "loop.md").symlink_to(root / "loop.md")
        expected = {
            "s.md": (None, f"'s.md' is a socket, not a file: {REFUSED}"),
            "p.md": (None, f"'p.md' is a named pipe (FIFO), not a file: {REFUSED}"),
            "f.md": ("file", None), "d": ("dir", None),
            "in.md": ("link", f"'in.md' is a symbolic link to a file inside the content folder: {LINK}"),
            "out.md": ("link", f"'out.md' is a symbolic link to a file outside the content folder: {LINK}"),
            "loop.md": ("link", f"'loop.md' is a symbolic link to a file outside the content folder: {LINK}"),
            "missing.md": (None, "cannot read 'missing.md': No such file or directory"),
        }
        for name, (kind, message) in expected.items():
            problems = Problems()
            assert classify(root / name, root, problems) == kind, name
            assert [p.format(root) for p in problems] == ([f"{name}:1:1: error: {message}"] if message else []), name
    problems = Problems()
    assert classify(Path("/dev/null"), root, problems) is None
    assert [p.format(Path("/dev")) for p in problems] == [f"null:1:1: error: 'null' is a device, not a file: {REFUSED}"]


def test_the_walk_sorts_skips_and_warns(tmp_path: Path) -> None:
    from m4c_build.load.files import MAX_DEPTH

    root = tmp_path.resolve()
    missions = root / "missions"
    deep, ok = missions / Path(*["d"] * (MAX_DEPTH + 1)), missions / Path(*["e"] * MAX_DEPTH)
    for folder, name in ((deep, "x.md"), (ok, "y.md"), (missions, ".hidden.md"), (missions, "b.txt"),
                         (missions, "a.md"), (root / "pages", "P.PNG"), (root / "pages", "n.txt"),
                         (root / "pages", "q.md"), (root / ".git", "config"), (root, "extra.txt"),
                         (root, "cities.yml")):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    (root / "media").write_text("not a folder", encoding="utf-8")
    problems = Problems()
    files = walk_content(root, problems)
    assert [p.format(root) for p in sorted(problems)] == [
        "media:1:1: error: 'media' must be a folder (create content/media/)",
        "missions/b.txt:1:1: warning: 'b.txt' is not a .md file and is not published "
        "(rename it with .md or move it out of missions/)",
        f"missions/{'d/' * MAX_DEPTH}d:1:1: error: folders are nested more than 12 levels deep "
        "(keep content folders shallow)",
        "pages/n.txt:1:1: warning: 'n.txt' is not a page or an image and is not published "
        "(pages/ holds .md pages and their images)",
    ]
    assert [p.relative_to(root).as_posix() for p in files.missions] == ["missions/a.md", f"missions/{'e/' * 12}y.md"]
    assert (files.pages, files.page_assets) == ([root / "pages" / "q.md"], [root / "pages" / "P.PNG"])
    assert files.others == [root / "extra.txt"] and files.media == []
    assert files.registries == {"cities.yml": root / "cities.yml"}
    problems = Problems()
    walk_content(root / "pages", problems)
    assert [p.format(root) for p in problems] == [
        "pages/missions:1:1: error: the missions/ folder is missing (create content/missions/)"]


def test_links_deeper_down_and_linked_top_folders_are_named_and_never_walked(tmp_path: Path) -> None:
    from m4c_build.load.files import _walk

    root = tmp_path.resolve()
    (root / "missions" / "2024").mkdir(parents=True)
    (root / "missions" / "a.md").write_text("x", encoding="utf-8")
    (root / "missions" / "2024" / "in.md").symlink_to(root / "missions" / "a.md")
    (root / "pages").mkdir()
    (root / "pages" / "p.png").write_bytes(PNG)
    (root / "media").symlink_to(root / "pages")
    (root / "vocabulary.yml").write_text("x", encoding="utf-8")
    (root / "cities.yml").symlink_to(root / "vocabulary.yml")
    problems = Problems()
    files = walk_content(root, problems)
    inside = "is a symbolic link to a file inside the content folder: " + LINK
    assert [p.format(root) for p in sorted(problems)] == [
        f"cities.yml:1:1: error: 'cities.yml' {inside}", f"media:1:1: error: 'media' {inside}",
        f"missions/2024/in.md:1:1: error: 'in.md' {inside}"]
    assert files.media == [] and list(files.registries) == ["vocabulary.yml"]
    assert files.allowed() == {root / "missions" / "a.md", root / "pages" / "p.png", root / "vocabulary.yml"}
    problems = Problems()  # a folder gone between the listing and the walk
    assert _walk(root / "gone", root, problems, []) == []
    assert [p.format(root) for p in problems] == ["gone:1:1: error: cannot read the folder: No such file or directory"]
