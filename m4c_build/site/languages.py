"""The site in several languages: one folder per language, the links between a page's versions,
and the pages at the root (the language chooser, the 404 page, the sitemap index).

Every language is a complete site of its own under ``<lang>/`` (built by one engine run each),
so that a page has the same path in every language: ``fr/missions/x/`` <-> ``en/missions/x/``.
Engine-free: the MkDocs adapter places what this module computes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from babel import Locale

from m4c_build.i18n.texts import Strings
from m4c_build.model import PAGE_SOURCE
from m4c_build.outputs.cards import page_card, site_card
from m4c_build.site.render import make_environment, render
from m4c_build.site.sanitize import safe_markup
from m4c_build.site.urls import absolute

X_DEFAULT = "x-default"
"""hreflang of the version for visitors whose language the site does not speak: for the home
page, the root page that sends each visitor to their language (index.html, which lists the
three homes and is listed back by each); for any other page, which has no such root, its version
in the first language (the programme's working language)."""


@cache
def language_name(language: str) -> str:
    """A language's name in that language, from CLDR: 'Français', 'English', 'Español'."""
    name = Locale(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def language_root(base_url: str, language: str) -> str:
    """The address of a language's home: absolute with a base URL, else from the host's root."""
    return absolute(base_url, f"{language}/") if base_url else f"/{language}/"


def site_root(base_url: str) -> str:
    """The address of the root page (the language chooser)."""
    return base_url or "/"


@dataclass(frozen=True)
class Version:
    """One language's version of a page, as Material's ``extra.alternate`` entries read it."""

    lang: str
    name: str
    link: str
    """Absolute (with a base URL): hreflang links and sitemaps name the published address."""
    href: str
    """The switcher's link, relative to the current language's root ('../en/missions/x/'): the
    engine makes it relative to the page, so that a preview, a staging copy or a downloaded
    site stays where it is instead of leaving for the published address."""

    def as_dict(self) -> dict[str, str]:
        return {"lang": self.lang, "name": self.name, "link": self.link, "href": self.href}


def versions(base_url: str, languages: Sequence[str], path: str) -> list[Version]:
    """The page at site path ``path`` in every language, then its ``x-default`` version (see
    ``X_DEFAULT``)."""
    found = [Version(lang, language_name(lang), language_root(base_url, lang) + path, f"../{lang}/{path}")
             for lang in languages]
    if not found:
        return []
    default = found[0]
    if not path:
        return [*found, Version(X_DEFAULT, default.name, site_root(base_url), "../")]
    return [*found, Version(X_DEFAULT, default.name, default.link, default.href)]


def root_files(base_url: str, languages: Sequence[str]) -> dict[str, str]:
    """Site path -> text of the files at the root of a site in several languages.

    ``index.html`` sends the visitor to the first of the browser's languages the site has
    (plain links without JavaScript); ``404.html`` is what hosts like GitHub Pages serve for any
    missing address, so it speaks every language and links with absolute addresses;
    ``sitemap.xml`` indexes each language's sitemap (only with a base URL: sitemaps are absolute).
    """
    env = make_environment()
    choices = [{"lang": lang, "name": language_name(lang), "t": Strings(lang),
                "href": f"{lang}/", "root": language_root(base_url, lang)} for lang in languages]
    first = languages[0]
    # Its card is the first language's (the programme's working language), named as its <title>.
    card = page_card(title=" · ".join(Strings(lang)("site_name") for lang in languages),
                     description=Strings(first)("site_description"), path="", language=first,
                     base_url=base_url, languages=languages, picture=site_card(first, f"{first}/"))
    home = versions(base_url, languages, "")
    files = {
        "index.html": render(env, "root.html", choices=choices, not_found=False, base_url=base_url,
                             card=card, versions=home),
        "404.html": render(env, "root.html", choices=choices, not_found=True, base_url=base_url, card={},
                           versions=home),
    }
    if base_url:
        files["sitemap.xml"] = render(env, "sitemap-index.xml",
                                      sitemaps=[absolute(base_url, f"{lang}/sitemap.xml") for lang in languages])
    return files


def untranslated(html: str, language: str) -> str:
    """A programme page shown in its French source on another language's site: a note in the
    visitor's language, then the page marked as French (``html`` passes the allowlist here)."""
    return render(make_environment(), "untranslated.html", t=Strings(language), source=PAGE_SOURCE,
                  html=safe_markup(html))
