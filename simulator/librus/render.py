"""The world as Librus's gateway API 2.0 shows it to one parent login.

Shapes follow the recorded and documented bodies in `librus-samples` and what
librus-synergia parses: a root key named after the resource plus `Resources` and
`Url`, references as `{"Id", "Url"}`, mixed id types (timetable ids as strings,
`t…` attendance ids, `LID-…` notice ids), Polish local times without a zone.

`GatewayView` is the families of resources in `gateway/` put together.
"""

from __future__ import annotations

from simulator.librus.gateway.attendance import AttendanceView
from simulator.librus.gateway.common import JsonObj, ModuleRefused
from simulator.librus.gateway.grades import GradesView
from simulator.librus.gateway.identity import IdentityView
from simulator.librus.gateway.news import NewsView
from simulator.librus.gateway.timetable import TimetableView


class GatewayView(IdentityView, GradesView, AttendanceView, TimetableView, NewsView):
    """Everything one login sees at one instant."""


__all__ = ["GatewayView", "JsonObj", "ModuleRefused"]
