"""Authors' messages in their language: ``msg('unknown_field', name=...)`` and the language to say them in.

A problem's message is built where the mistake is found, but said when it is printed, in the
language the author chose (``--lang``, else the environment). A ``Message`` is therefore the
English text (a ``str``: comparisons, sorting and the English output are unchanged) that also
keeps its catalogue id (``problem.<key>``) and its values, to be formatted again in French or
Spanish by ``said``. Values may be messages themselves (``describe(at)`` is one), said in the
same language. The texts live in the ``m4c`` catalogues like every other interface text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from m4c_build.i18n.texts import Strings
from m4c_build.schema.classes import LANGUAGES

_strings = cache(Strings)
"""One ``Strings`` per language: a message is made for every problem, thousands in a big folder."""

PREFIX = "problem."
"""The ids of the authors' messages in the catalogues."""

ENVIRONMENT = ("M4C_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the language of the messages is read, first set first: ``M4C_LANG`` is what ``--lang``
hands to the build's worker processes; then POSIX's order (``LC_ALL`` overrides
``LC_MESSAGES``, which overrides ``LANG``)."""


class Message(str):
    """English text that can be said again in another language (see the module docstring)."""

    key: str
    values: dict[str, Any]

    def said(self, language: str) -> str:
        if language == "en":
            return str(self)
        values = {name: said(value, language) for name, value in self.values.items()}
        return _strings(language)(PREFIX + self.key, **values)


def msg(key: str, /, **values: Any) -> Message:
    """The message ``problem.<key>`` with its named ``values``, in English until it is said."""
    message = Message(_strings("en")(PREFIX + key, **values))
    message.key, message.values = key, values
    return message


def plural(key: str, number: int, /, **values: Any) -> Message:
    """A message with plural forms (``problem.<key>``), chosen for ``number`` in each language."""
    message = _Plural(_strings("en").plural(PREFIX + key, number, **values))
    message.key, message.values, message.number = key, values, number
    return message


class _Plural(Message):
    number: int

    def said(self, language: str) -> str:
        if language == "en":
            return str(self)
        values = {name: said(value, language) for name, value in self.values.items()}
        return _strings(language).plural(PREFIX + self.key, self.number, **values)


class _Joined(Message):
    parts: tuple[object, ...]
    separator: str

    def said(self, language: str) -> str:
        return self.separator.join(str(said(part, language)) for part in self.parts)


def join(separator: str, parts: Iterable[object]) -> Message:
    """``separator.join(parts)`` whose message parts are said in the language of the whole."""
    items = tuple(parts)
    message = _Joined(separator.join(map(str, items)))
    message.key, message.values, message.parts, message.separator = "", {}, items, separator
    return message


class _Phrase(Message):
    render: Callable[[str], str]

    def said(self, language: str) -> str:
        return self.render(language)


def phrase(render: Callable[[str], str]) -> Message:
    """A text another table translates (a type's name, a field's doc): ``render(language)``."""
    message = _Phrase(render("en"))
    message.key, message.values, message.render = "", {}, render
    return message


class _Said(Message):
    texts: dict[str, str]

    def said(self, language: str) -> str:
        return self.texts.get(language, str(self))


def in_every_language(text: object) -> dict[str, str]:
    """``text`` said in every language: plain data that ``from_languages`` turns back into the
    same message (the validation cache stores messages so, never as code to run)."""
    return {language: str(said(text, language)) for language in LANGUAGES}


def from_languages(texts: dict[str, str]) -> Message:
    """The message whose text in each language is ``texts[language]`` (English when missing)."""
    message = _Said(texts["en"])
    message.key, message.values, message.texts = "", {}, texts
    return message


def mean(message: Message, close: str | None) -> Message:
    """``message`` followed by ": did you mean 'close'?" when there is a close word."""
    return msg("did_you_mean", message=message, close=close) if close else message


def said(text: object, language: str) -> object:
    """``text`` in ``language`` when it is a message; anything else as it is (a file name, a
    number, PyYAML's own words)."""
    return text.said(language) if isinstance(text, Message) else text


def language_of(locale: str) -> str | None:
    """'fr_FR.UTF-8' -> 'fr'; None for 'C', 'POSIX' or a language the messages are not in."""
    code = locale.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else None


def message_language(choice: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``choice`` (``--lang``), else the first set variable of ``ENVIRONMENT``, else English.

    As in POSIX, the first variable that is set decides, even for a language we do not speak
    (``LC_ALL=de_DE.UTF-8`` gives English, not the ``LANG`` behind it)."""
    if choice:
        return choice
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        if env.get(name):
            return language_of(env[name]) or "en"
    return "en"
