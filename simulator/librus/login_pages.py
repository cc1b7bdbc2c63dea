"""What the simulated Librus says when a login goes wrong, in every shape real clients saw.

Confirmed wording: the wrong-password and expired-account messages and the captcha
message (librusek's lib/auth.js branches on them). Assumed: the HTTP statuses, the
captcha page, the action pages (their real wording has never been captured) and the
other refusal's words (chosen so that no rule of the bot recognises them).
"""

from __future__ import annotations

LOGIN_ERROR = "Nieprawidłowy login i/lub hasło."
CAPTCHA_ERROR = 'Proszę zaznaczyć pole "Nie jestem robotem".'
EXPIRED_ERROR = "Minął termin ważności konta - skontaktuj się z Administratorem Szkoły."
# A refusal in words no client has recorded: the bot must quote it, not guess.
OTHER_REFUSAL = "Logowanie z tego konta jest chwilowo niemożliwe. Skontaktuj się ze szkołą."
CAPTCHA_PAGE = (
    '<!DOCTYPE html><html lang="pl"><head><title>Librus - weryfikacja</title>'
    '<script src="https://www.google.com/recaptcha/api.js"></script></head><body>'
    "<h2>Potwierdź, że nie jesteś robotem</h2>"
    '<form method="post"><div class="g-recaptcha" data-sitekey="6Lc-sim"></div>'
    '<p>Proszę zaznaczyć pole "Nie jestem robotem".</p></form></body></html>'
)
# Pages at the end of the redirect chain that want something done in the browser.
# Their real wording has never been captured; these are plausible Synergia pages.
ACTION_PAGES = {
    "password_change": (
        '<!DOCTYPE html><html lang="pl"><head><title>Librus Synergia</title></head><body>'
        "<h1>Zmiana hasła</h1><p>Twoje hasło jest tymczasowe. Ustaw nowe hasło, aby "
        'kontynuować.</p><form method="post"><input type="password" name="newPassword">'
        '<input type="password" name="newPasswordRepeat"><button>Zmień hasło</button>'
        "</form></body></html>"
    ),
    "accept_terms": (
        '<!DOCTYPE html><html lang="pl"><head><title>Librus Synergia</title></head><body>'
        "<h1>Akceptacja regulaminu</h1><p>Aby korzystać z systemu, zapoznaj się z nowym "
        'regulaminem i zaakceptuj go.</p><form method="post"><input type="checkbox" '
        'name="accept"><button>Akceptuję</button></form></body></html>'
    ),
}
# The shapes a login refusal is served in (see the module docstring).
LOGIN_SHAPES = {
    "captcha": ("flag", "message_only", "page"),
    "wrong_password": ("plain", "flag_false"),
}
LOGIN_PAGE = (
    '<!DOCTYPE html><html lang="pl"><head><title>Librus Synergia - logowanie</title></head>'
    '<body><form method="post"><input name="login"><input type="password" name="pass">'
    "<button>Zaloguj</button></form></body></html>"
)
