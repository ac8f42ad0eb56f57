"""cities.yml and vocabulary.yml: load, bind, and check their own cross-references."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import pycountry

from m4c_build.i18n.messages import mean, msg, phrase
from m4c_build.i18n.texts import Strings
from m4c_build.load.files import CITIES, VOCABULARY, ContentFiles
from m4c_build.load.text import read_text
from m4c_build.load.yamlsource import load_yaml
from m4c_build.model import Registry
from m4c_build.problems import Problems
from m4c_build.schema.classes import REGISTRY_KINDS, City, Factor, Vocabulary
from m4c_build.validate.addresses import check_key_addresses
from m4c_build.validate.binding import INVALID, Binder, Ref, odd_character, suggest

Known = Mapping[str, Collection[str]]
"""Registry name ('themes', 'cities'...) -> its keys, for the registries that could be read."""


@dataclass(frozen=True)
class RegistryLoad:
    registry: Registry | None
    """Both files, bound; None when either has an error."""
    known: Known
    """The keys each readable file declares, even when an entry is wrong, so that reports'
    references are still checked: one run shows every problem."""


def _load(files: ContentFiles, name: str, tp: Any, problems: Problems) -> tuple[Any, Binder | None, Any]:
    """The bound value, its binder and the raw data (INVALID, None, None when unreadable)."""
    path = files.root / name
    if name not in files.registries:
        if os.path.lexists(path):  # a link or a special file: the walker said why
            return INVALID, None, None
        problems.error(path, 1, 1, msg("registry_missing", name=path.name),
                       msg("hint_registry_missing", name=path.name))
        return INVALID, None, None
    text = read_text(path, problems)
    if text is None:
        return INVALID, None, None
    doc = load_yaml(text, path, problems)
    if doc is None:
        return INVALID, None, None
    binder = Binder(path, doc.source, problems)
    return binder.bind(tp, doc.data, ()), binder, doc.data


def _keys(data: Any) -> list[str] | None:
    return [str(k) for k in data] if isinstance(data, dict) else None


PRIMARY_FACTORS = "factors.primary"
"""The primary factors' keys in ``Known``: reports name secondary factors (``factors`` holds those)."""


def known_keys(cities_data: Any, vocabulary_data: Any) -> dict[str, Collection[str]]:
    known: dict[str, Collection[str]] = {}
    if (cities := _keys(cities_data)) is not None:
        known["cities"] = cities
    if isinstance(vocabulary_data, dict):
        for name in REGISTRY_KINDS:
            if name != "cities" and (keys := _keys(vocabulary_data.get(name))) is not None:
                known[name] = keys
        factors = vocabulary_data.get("factors")
        if isinstance(factors, dict):
            primary = [str(k) for k, v in factors.items() if not (isinstance(v, dict) and v.get("primary"))]
            known[PRIMARY_FACTORS] = primary
            known["factors"] = [str(k) for k in factors if str(k) not in primary]
    return known


def check_refs(refs: list[Ref], known_by_registry: Known, binder: Binder) -> None:
    """Every key a file names must exist: a typo must never silently drop data. References to a
    registry that could not be read are left alone (that file's own problems say why)."""
    for ref in refs:
        known = known_by_registry.get(ref.registry)
        if known is None or ref.key in known:
            continue
        if ref.registry == "factors" and ref.key in known_by_registry.get(PRIMARY_FACTORS, ()):
            binder.error(ref.at, msg("primary_factor", key=ref.key), msg("hint_primary_factor", key=ref.key))
            continue
        noun = phrase(partial(registry_noun, ref.registry))
        close = suggest(ref.key, known)
        message = msg("unknown_key", noun=noun, key=ref.key, odd=odd_character(ref.key, unusual=True))
        where = "cities.yml" if ref.registry == "cities" else msg("in_vocabulary", name=ref.registry)
        binder.error(ref.at, mean(message, close), msg("hint_known_keys", noun=noun, where=where))


def registry_noun(registry: str, language: str) -> str:
    """What a key of ``registry`` names ('theme', 'thème'), in the messages' language."""
    return Strings(language)(f"problem.noun_{registry}")


def _each_city(cities: Any, data: Any, binder: Binder) -> dict[str, City]:
    """Every city entry that is right on its own, even when another one is not (then ``cities``
    is INVALID): a mistake in one city must not hide those of the others. The entries are bound
    again with their problems dropped, as the first binding already reported them."""
    if cities is not INVALID:
        return dict(cities)
    if not isinstance(data, dict):
        return {}
    quiet = Binder(binder.path, binder.source, Problems())
    bound = {key: quiet.bind(City, entry, (key,)) for key, entry in data.items() if isinstance(key, str)}
    return {key: city for key, city in bound.items() if isinstance(city, City)}


def _check_cities(cities: dict[str, City], binder: Binder) -> None:
    for key, city in cities.items():
        if pycountry.countries.get(alpha_2=city.country) is None:
            binder.error((key, "country"), msg("unknown_country", code=city.country, city=city.name),
                         msg("hint_country"))
        lat, lon = city.location
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            binder.error((key, "location"), msg("off_globe", city=city.name, lat=lat, lon=lon),
                         msg("hint_location"))


def load_registry(files: ContentFiles, problems: Problems) -> RegistryLoad:
    """cities.yml and vocabulary.yml of a walked content folder, bound and cross-checked. Every
    entry is checked, whatever another entry or the other file holds."""
    vocabulary, vocabulary_binder, vocabulary_data = _load(files, VOCABULARY, Vocabulary, problems)
    cities, binder, cities_data = _load(files, CITIES, dict[str, City], problems)
    known = known_keys(cities_data, vocabulary_data)
    if vocabulary_binder is not None and isinstance(vocabulary_data, dict):
        for name in (n for n in REGISTRY_KINDS if n != "cities"):
            check_key_addresses(name, _keys(vocabulary_data.get(name)) or [], vocabulary_binder, (name,))
    if binder is None:
        return RegistryLoad(None, known)
    check_refs(binder.refs, known, binder)  # region keys: even when another city entry is invalid
    check_key_addresses("cities", _keys(cities_data) or [], binder)
    _check_cities(_each_city(cities, cities_data, binder), binder)
    factors_ok = vocabulary is INVALID or vocabulary_binder is None or check_factors(vocabulary.factors,
                                                                                      vocabulary_binder)
    if vocabulary is INVALID or cities is INVALID or not factors_ok:
        return RegistryLoad(None, known)
    return RegistryLoad(Registry(cities=cities, vocabulary=vocabulary), known)


def check_factors(factors: Mapping[str, Factor], binder: Binder) -> bool:
    """UNESCO's list as a tree: each secondary factor under a primary one, its code under the
    primary's ('4.2' under '4'), every code once."""
    ok = True
    seen: dict[str, str] = {}
    for key, factor in factors.items():
        at = ("factors", key)
        if factor.code in seen:
            binder.error((*at, "code"), msg("factor_same_code", key=key, other=seen[factor.code], code=factor.code),
                         msg("hint_factor_code"))
            ok = False
        seen.setdefault(factor.code, key)
        if factor.primary is None:
            if "." in factor.code:
                binder.error((*at, "code"), msg("factor_secondary_code", key=key, code=factor.code),
                             msg("hint_factor_primary"))
                ok = False
            continue
        primary = factors.get(factor.primary)
        if primary is None or primary.primary is not None:
            close = suggest(factor.primary, [k for k, f in factors.items() if f.primary is None])
            binder.error((*at, "primary"), mean(msg("factor_not_primary", key=key, primary=factor.primary), close),
                         msg("hint_factor_primary"))
            ok = False
        elif not factor.code.startswith(primary.code + "."):
            binder.error((*at, "code"), msg("factor_code", key=key, code=factor.code, primary=factor.primary,
                                            primary_code=primary.code), msg("hint_factor_code"))
            ok = False
    return ok
