"""Turning data into Telegram messages: HTML text (escaped, split) and keyboards."""
