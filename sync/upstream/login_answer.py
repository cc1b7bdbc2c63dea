"""What Librus said to a login, read by value: a pure reading of its answers.

Librus refuses a login in its own words, in the JSON answer to the login form
(`POST api.librus.pl/OAuth/Authorization`), and asks for an action in the browser on
a page at the end of the redirect chain. librus-synergia calls any form answer that
mentions "captcha" anywhere a captcha (so `"captchaRequired": false` reads as one) and
any other answer without `goTo` a wrong password (so 'Proszę zaznaczyć pole "Nie jestem
robotem".' without a `captchaRequired` key reads as one); a chain that ends on a page
without the session cookie is an "unexpected answer". This module reads each answer by
value instead, and where it cannot tell what Librus meant, it says so and keeps
Librus's own sentence for the parent.

Evidence (see docs/librus.md, "Login refusals"), confirmed or assumed:

* wrong password: `{"status":"error","errors":[{"message":"Nieprawidłowy login i/lub
  hasło."}]}` — seen by librusek (lib/auth.js), librus-apix and librus-python-api; its
  HTTP status is unconfirmed.
* the same with `"captchaRequired": false` — the portal's shape (Librus-Tricks #17);
  assumed possible on this form too.
* captcha: 'Proszę zaznaczyć pole "Nie jestem robotem".' with no captcha key
  (librusek); `"captchaRequired": true` is our simulator's older guess, kept; errors
  naming `g-recaptcha-response` (Librus-Tricks, on the portal); an HTML page with a
  reCAPTCHA widget (szkolny-android, on the messages login). None captured live on
  this form.
* expired account: 'Minął termin ważności konta - …' (librusek).
* keys `captcha`, `twoFactorRequired`, `requiresAction` (librus-python-api's reading).
* a page at the end of the chain instead of the session (a forced change of the
  school's temporary password, new terms, "required actions": Mati365/librus-api
  commit 9040261 skipped one at the 2FA step) — its wording has never been captured,
  so any such HTML page is taken as "action needed in the browser", with its heading
  quoted.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Verdict(Enum):
    OK = "ok"  # the form was accepted (`goTo`)
    WRONG_CREDENTIALS = "wrong_credentials"
    CAPTCHA = "captcha"
    ACTION = "action"  # something to do in the browser (expired account, new password, terms)
    REFUSED = "refused"  # a refusal in words we do not recognise: quoted, never guessed
    MAINTENANCE = "maintenance"
    UNREADABLE = "unreadable"  # not Librus's refusal (an error page, an empty answer)


@dataclass(frozen=True)
class Reading:
    verdict: Verdict
    #: Librus's own sentence, as plain text (not escaped), when it gave one.
    words: str | None = None


# Longest sentence of Librus's that is kept to show a parent.
WORDS_LIMIT = 300

_CAPTCHA_WORDS = ("nie jestem robotem", "captcha", "g-recaptcha", "hcaptcha")
_WRONG_WORDS = (
    "nieprawidłowy login",
    "niepoprawny login",
    "nieprawidłowe hasło",
    "niepoprawne hasło",
    "i/lub hasło",
    "invalid_grant",
)
_ACTION_WORDS = (
    "termin ważności",  # 'Minął termin ważności konta' (expired account)
    "zmień hasło",
    "zmiana hasła",
    "zmiany hasła",
    "hasło wygasło",
    "regulamin",
    "zaakceptuj",
    "wymagane działanie",
)
_MAINTENANCE_WORDS = ("przerwa techniczna", "przerwę techniczną", "prace serwisowe")
# Markers of a captcha in an HTML page (a bare "captcha" in a script name is not one).
_CAPTCHA_PAGE = (
    "g-recaptcha",
    "grecaptcha",
    "h-captcha",
    "hcaptcha",
    "nie jestem robotem",
    "captchavalidate",
)
_FLAG_KEYS_CAPTCHA = ("captchaRequired", "captcha")
_FLAG_KEYS_ACTION = ("twoFactorRequired", "requiresAction", "requiredActions")


def read_form_answer(text: str) -> Reading:
    """The login form's answer: accepted, or refused and why."""
    body = text.lstrip("\ufeff").strip()
    try:
        answer: Any = json.loads(body)
    except ValueError:
        return read_page(body)
    if not isinstance(answer, dict):
        return Reading(Verdict.UNREADABLE)
    if answer.get("goTo"):
        return Reading(Verdict.OK)
    words = _messages(answer)
    sentence = _clip(" ".join(words)) if words else None
    verdict = _json_verdict(answer, " ".join(words).lower())
    if verdict is not None:
        return Reading(verdict, sentence)
    if sentence is not None and not _MACHINE_TOKEN.match(sentence):
        return Reading(Verdict.REFUSED, sentence)
    refusing = str(answer.get("status", "")).lower() == "error" or "errors" in answer
    if sentence is None and refusing:
        return Reading(Verdict.REFUSED)  # a refusal that gives no reason
    # A protocol error ('invalid_request': the OAuth flow was lost) is about our
    # request, not the child's account: try again later.
    return Reading(Verdict.UNREADABLE, sentence)


def _json_verdict(answer: dict[str, Any], said: str) -> Verdict | None:
    """What a refusing JSON answer means, by its flags first and then by its words."""
    if any(answer.get(key) is True for key in _FLAG_KEYS_CAPTCHA):
        return Verdict.CAPTCHA
    if any(w in said for w in _CAPTCHA_WORDS):
        return Verdict.CAPTCHA
    if any(answer.get(key) for key in _FLAG_KEYS_ACTION):
        return Verdict.ACTION
    if any(w in said for w in _WRONG_WORDS) or answer.get("error") == "invalid_grant":
        return Verdict.WRONG_CREDENTIALS
    if any(w in said for w in _ACTION_WORDS):
        return Verdict.ACTION
    if any(w in said for w in _MAINTENANCE_WORDS):
        return Verdict.MAINTENANCE
    return None


def read_page(text: str) -> Reading:
    """An HTML (or plain) page where the login form's JSON or the session was due."""
    low = text.lower()
    words = page_words(text)
    if any(marker in low for marker in _CAPTCHA_PAGE):
        return Reading(Verdict.CAPTCHA, words)
    if any(marker in low for marker in _MAINTENANCE_WORDS):
        return Reading(Verdict.MAINTENANCE, words)
    return Reading(Verdict.UNREADABLE, words)


def read_chain_end(text: str) -> Reading:
    """The page the login's redirect chain ended on without giving a session.

    A Librus page there (HTML with words on it) wants something done in the browser;
    a JSON error, an empty answer or the bare login form does not say so."""
    body = text.strip()
    if not body or body[:1] in "{[":
        return Reading(Verdict.UNREADABLE)
    reading = read_page(body)
    if reading.verdict is not Verdict.UNREADABLE:
        return reading
    low = body.lower()
    if 'name="pass"' in low and not any(w in low for w in ("zmian", "nowe hasło")):
        return Reading(Verdict.UNREADABLE, reading.words)  # the login form again
    if "<" in body and reading.words:
        return Reading(Verdict.ACTION, reading.words)
    return Reading(Verdict.UNREADABLE, reading.words)


_MACHINE_TOKEN = re.compile(r"^[a-z0-9_.-]+$")
_TAGS = re.compile(r"<[^>]+>")
_HEADINGS = re.compile(r"<(h1|h2|h3|title|legend|p)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_SKIP = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)


def page_words(text: str) -> str | None:
    """The first heading (or title, or paragraph) of a page, as plain text."""
    clean = _SKIP.sub(" ", text)
    order = {"h1": 0, "h2": 1, "h3": 2, "legend": 3, "title": 4, "p": 5}
    ranked = sorted(
        (order[m.group(1).lower()], i, words)
        for i, m in enumerate(_HEADINGS.finditer(clean))
        if (words := _plain(m.group(2)))
    )
    if ranked:
        return _clip(ranked[0][2])
    rest = _plain(clean)
    return _clip(rest) if rest and "<" in text else None


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def _messages(answer: dict[str, Any]) -> list[str]:
    """Librus's sentences in a form answer: `errors[].message`, `errors[]` strings,
    `message`, `error_description`."""
    found: list[str] = []
    errors = answer.get("errors")
    if isinstance(errors, list):
        for entry in errors:
            if isinstance(entry, dict) and isinstance(entry.get("message"), str):
                found.append(entry["message"])
            elif isinstance(entry, str):
                found.append(entry)
    elif isinstance(errors, dict):
        found.extend(str(v) for v in errors.values() if isinstance(v, str))
    for key in ("message", "error_description"):
        if isinstance(answer.get(key), str):
            found.append(answer[key])
    return [" ".join(w.split()) for w in found if w.strip()]


def _clip(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= WORDS_LIMIT else words[: WORDS_LIMIT - 1].rstrip() + "…"
