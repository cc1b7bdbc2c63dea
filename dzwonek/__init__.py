"""Dzwonek's composition root: the `dzwonek` command, configuration loading, logging,
the wiring of the running process (Runtime), the dispatcher, health and the demo.

The top floor: it may use every package below it (handlers, bot, sync, storage) and
the simulator for the demo; nothing below imports it.
"""
