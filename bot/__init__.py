"""The Telegram edge the handlers stand on: settings, texts (i18n, render/), buttons
(callbacks), the per-update context, middlewares and the outbox sender.

It uses sync and storage and never the handlers or the composition root (dzwonek/).
"""
