"""synergia.librus.pl: the portal's start of the login, the session's renewal, the
student's page, the bootstrap of Wiadomości, and the gateway API (`/gateway/api/2.0/`)
that serves the world through `GatewayView` or `KindergartenView`."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from datetime import date

from aiohttp import web

from simulator.librus import kindergarten_view as kindergarten
from simulator.librus.faults import RESHAPING_MODES
from simulator.librus.files import SandboxKey
from simulator.librus.gateway.common import ACCESS_DENY
from simulator.librus.host_core import (
    Session,
    SimulatorCore,
    endpoint_key,
    int_or_none,
    redirect,
    reshape,
)
from simulator.librus.kindergarten_view import KindergartenView
from simulator.librus.login_pages import (
    LOGIN_PAGE,
)
from simulator.librus.render import GatewayView, JsonObj, ModuleRefused
from simulator.librus.world import MODULE_MESSAGES

NOT_FOUND: JsonObj = {"Status": "Error", "Code": "NotFound", "Message": "Resource not found"}
# Lists this simulator keeps empty: root key and parent resource.
EMPTY_LISTS = {
    "Grades/Types": ("Types", "Grades"),
    "BehaviourGrades/Points/Comments": ("Comments", "BehaviourGrades"),
    "BehaviourGrades/Points/Categories": ("Categories", "BehaviourGrades"),
    "DescriptiveGrades/Comments": ("Comments", "DescriptiveGrades"),
    "TextGrades/Categories": ("Categories", "TextGrades"),
    "BaseTextGrades": ("Grades", "Root"),
    "TextGrades": ("Grades", "Root"),
    "HomeWorkAssignments/Categories": ("Categories", "HomeWorkAssignments"),
    "ParentTeacherConferences": ("ParentTeacherConferences", "Root"),
    "VirtualClasses": ("VirtualClasses", "Root"),
}
# Lowercase-envelope modules, empty here.
EMPTY_MODULES: dict[str, JsonObj] = {
    "SchoolTrips": {"Data": []},
    "SchoolFiles": {"Data": []},
    "EbiblioLendings": {"lendings": []},
}
REFUSED: dict[str, tuple[int, JsonObj | str]] = {
    **dict.fromkeys(("SchoolInfo", "Duties", "WhatsNew", "Reports"), (401, "Insufficient scopes")),
    **dict.fromkeys(("Substitutions", "Grades/CategoriesAverages"), (403, ACCESS_DENY)),
}


class SynergiaHost(SimulatorCore):
    # ------------------------------------------------------------------ synergia.librus.pl

    def _synergia_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/loguj/portalRodzina", self.portal_rodzina)
        app.router.add_get("/refreshToken", self.refresh_token)
        app.router.add_get("/wiadomosci3", self.messages_bootstrap)
        app.router.add_get("/uczen/index", self.landing)
        app.router.add_get("/informacja", self.student_info)
        app.router.add_get("/homework/downloadFile/{file}", self.homework_file)
        app.router.add_route("*", "/gateway/{path:.*}", self.gateway)
        return app

    async def portal_rodzina(self, request: web.Request) -> web.StreamResponse:
        code, state = request.query.get("code"), request.query.get("state")
        if code is None:
            self.counter(None).requests["loguj/portalRodzina"] += 1
            state = secrets.token_hex(16)
            response = redirect(
                "https://api.librus.pl/OAuth/Authorization?client_id=46&response_type=code"
                f"&scope=mydata&state={state}"
            )
            response.set_cookie("oauth_state", state, path="/", secure=True, httponly=True)
            return response
        pending = self._codes.pop(code, None)
        if pending is None or state != pending[1] or request.cookies.get("oauth_state") != state:
            return web.json_response({"error": "invalid_request"}, status=400)
        login = pending[0]
        self.counter(login).requests["loguj/portalRodzina?code"] += 1
        session = Session(
            login=login,
            oauth_token=secrets.token_hex(20),
            sid=secrets.token_hex(16),
            ssid=secrets.token_hex(16),
            expires_at=self.clock.now() + self.session_lifetime,
        )
        self._sessions[session.oauth_token] = session
        self._by_sid[session.sid] = session
        self.counter(login).logins += 1
        response = redirect("/uczen/index")
        self._set_session_cookies(response, session, all_=True)
        response.del_cookie("oauth_state", path="/")
        return response

    async def refresh_token(self, request: web.Request) -> web.StreamResponse:
        session = self._web_session_of(request)
        login = session.login if session else None
        self.counter(login).requests["refreshToken"] += 1
        fault = await self._fault(request, login, "refreshToken")
        if fault is not None:
            return fault
        if session is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        old = session.oauth_token
        self._sessions.pop(old, None)
        session.oauth_token = secrets.token_hex(20)
        session.expires_at = self.clock.now() + self.session_lifetime
        self._sessions[session.oauth_token] = session
        self.counter(login).refreshes += 1
        response = web.Response(status=200, body=b"")
        self._set_session_cookies(response, session, all_=False)
        return response

    async def landing(self, request: web.Request) -> web.StreamResponse:
        session = self._session_of(request)
        if session is None:
            return web.Response(status=200, content_type="text/html", text=LOGIN_PAGE)
        return web.Response(
            status=200,
            content_type="text/html",
            text="<html><body><h1>Librus Synergia</h1><p>Witamy!</p></body></html>",
        )

    async def student_info(self, request: web.Request) -> web.StreamResponse:
        session = self._session_of(request)
        if session is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        self.counter(session.login).requests["informacja"] += 1
        student = self.student(session.login)
        page = (
            "<html><body><table><tr><th></th><td></td></tr>"
            f"<tr><th>Imię i nazwisko</th><td>{student.name}</td></tr>"
            f"<tr><th>Klasa</th><td>{self.world.class_of(student).name}</td></tr>"
            f"<tr><th>Nr w dzienniku</th><td>{student.register_number}</td></tr>"
            "</table></body></html>"
        )
        return web.Response(status=200, content_type="text/html", text=page)

    async def homework_file(self, request: web.Request) -> web.StreamResponse:
        """A homework file: a redirect to the sandbox's single-use key flow (the web
        session is needed; without it Synergia sends the browser to its login)."""
        session = self._web_session_of(request)
        login = session.login if session else None
        self.counter(login).requests["homework/downloadFile"] += 1
        fault = await self._fault(request, login, "homework/downloadFile")
        if fault is not None:
            return fault
        if session is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        student = self.student(session.login)
        view = GatewayView(self.world, student, self.clock.now(), session.login)
        file_id = request.match_info["file"]
        name = next(
            (
                name
                for h in self.world.homework.owned_by(student.class_id)
                if view.visible(h.visible_from)
                for name, fid in h.files
                if fid == file_id
            ),
            None,
        )
        if name is None:
            return redirect("https://sandbox.librus.pl/index.php?action=CSDownloadFailed")
        shaped = self.world.file(file_id, name)
        key = secrets.token_urlsafe(24)
        failing = shaped.failing_keys > 0
        if failing:
            shaped.failing_keys -= 1
        self._sandbox_keys[key] = SandboxKey(session.login, file_id, name, failing=failing)
        return redirect(
            f"https://sandbox.librus.pl/index.php?action=CSTryToDownload&singleUseKey={key}"
        )

    async def messages_bootstrap(self, request: web.Request) -> web.StreamResponse:
        session = self._session_of(request) or self._web_session_of(request)
        login = session.login if session else None
        self.counter(login).requests["wiadomosci3"] += 1
        fault = await self._fault(request, login, "wiadomosci3")
        if fault is not None:
            return fault
        if session is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        school = self.world.school_of(self.student(session.login))
        if not school.has(MODULE_MESSAGES):
            return web.Response(
                status=200,
                content_type="text/html",
                text='<html><body><h2 class="inside">Brak dostępu</h2></body></html>',
            )
        token = secrets.token_hex(32)
        self._handoffs[token] = session.login
        login64 = base64.b64encode(session.login.encode()).decode().rstrip("=")
        return redirect(
            f"https://wiadomosci.librus.pl/pobierz/MultiDomainLogon/token/{token}"
            f"/login/{login64}/target/L25vd3k/from/c3luZXJnaWE"
        )

    async def gateway(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        session = self._session_of(request)
        login = session.login if session else None
        endpoint = endpoint_key(path)
        self.counter(login).requests[endpoint] += 1
        rule = self.faults.pick(login, endpoint)
        if rule is not None and rule.mode not in RESHAPING_MODES:
            fault = await self._apply(request, rule, login)
            if fault is not None:
                return fault
        if session is None:
            return web.Response(status=401, text="Unauthorized")
        view = GatewayView(self.world, self.student(session.login), self.clock.now(), session.login)
        try:
            status, body = self._route(request, path, view, session)
        except ModuleRefused as refused:
            status, body = refused.status, refused.body
        if rule is not None and rule.mode in RESHAPING_MODES and status == 200:
            body = reshape(body, empty=rule.mode == "empty_list")
        response = (
            web.json_response(body, status=status)
            if not isinstance(body, str)
            else web.Response(status=status, text=body)
        )
        response.headers["Cache-Control"] = "no-store"
        self._set_session_cookies(response, session, all_=False)
        return response

    def _route(
        self, request: web.Request, path: str, view: GatewayView, session: Session
    ) -> tuple[int, JsonObj | str]:
        if path.startswith(kindergarten.PREFIX) and request.method == "GET":
            return KindergartenView(view).service(path[len(kindergarten.PREFIX) :], request.query)
        if not path.startswith("api/2.0/"):
            return 404, NOT_FOUND
        resource = path[len("api/2.0/") :].strip("/")
        if request.method == "POST":
            return self._post(resource, view, session)
        if request.method != "GET":
            return 405, {"Status": "Error", "Code": "MethodNotAllowed", "Message": "Not allowed"}
        refused = kindergarten.refusal(view.klass, resource)
        if refused is not None:
            return refused
        handler = self._listings(view).get(resource)
        if handler is not None:
            return 200, handler()
        if resource in EMPTY_LISTS:
            root, parent = EMPTY_LISTS[resource]
            return 200, {
                root: [],
                "Resources": {"..": {"Url": f"https://api.librus.pl/2.0/{parent}"}},
                "Url": f"https://api.librus.pl/2.0/{resource}",
            }
        if resource in EMPTY_MODULES:
            return 200, EMPTY_MODULES[resource]
        if resource in REFUSED:
            return REFUSED[resource]
        return self._with_argument(request, resource, view)

    def _listings(self, view: GatewayView) -> dict[str, Callable[[], JsonObj]]:
        w = self.world
        return {
            "Me": view.me,
            "Grades": view.grades,
            "Grades/Categories": view.grade_categories,
            "Grades/Comments": view.grade_comments,
            "GradingSystem": view.grading_system,
            "Attendances": view.attendances,
            "Attendances/Types": view.attendance_types,
            "TimetableEntries": view.timetable_entries,
            "Calendars/Substitutions": view.plan_changes,
            "Subjects": view.subjects,
            "Auth/Subjects": view.auth_subjects,
            "Users": view.users,
            "Lessons": view.lessons,
            "Classes": view.classes,
            "Classrooms": view.classrooms,
            "Schools": view.schools,
            "Units": view.units,
            "HomeWorks": view.agenda,
            "HomeWorkAssignments": view.homework,
            "SchoolNotices": view.notices,
            "LuckyNumbers": view.lucky_number,
            "Notes": view.notes,
            "Realizations": view.realizations,
            "Justifications": view.justifications,
            "Calendars/TeacherFreeDays": lambda: view.teacher_absences("calendars"),
            "TeacherFreeDays": lambda: view.teacher_absences("plain"),
            "PointGrades": view.point_grades,
            "PointGrades/Categories": view.point_categories,
            "DescriptiveGrades": view.descriptive_grades,
            "DescriptiveGrades/Skills": view.skills,
            "BehaviourGrades/Points": view.behaviour_grades,
            "Auth/TokenInfo": view.token_info,
            "HomeWorks/Categories": lambda: view.named(
                "Categories", w.agenda_categories, "HomeWorks/Categories"
            ),
            "Notes/Categories": lambda: view.named(
                "Categories", w.note_categories, "Notes/Categories", key="CategoryName"
            ),
            "Calendars/ClassFreeDays/Types": lambda: view.named(
                "Types", w.free_day_types, "Calendars/ClassFreeDays/Types"
            ),
            "SchoolFreeDays": lambda: view.free_days("SchoolFreeDays"),
            "ClassFreeDays": lambda: view.free_days("ClassFreeDays"),
        }

    def _with_argument(
        self, request: web.Request, resource: str, view: GatewayView
    ) -> tuple[int, JsonObj | str]:
        if resource == "Timetables":
            week = request.query.get("weekStart") or request.query.get("day")
            try:
                start = date.fromisoformat(week) if week else view.today
            except ValueError:
                return 400, {
                    "Status": "Error",
                    "Code": "InvalidRequest",
                    "Message": "[212] Invalid request params",
                }
            return 200, view.timetable(start)
        found: JsonObj | None = None
        if resource.startswith("Users/"):
            user = int_or_none(resource[len("Users/") :])
            found = view.user(user) if user is not None else None
        elif resource.startswith("Auth/UserInfo/"):
            found = view.user_info(resource[len("Auth/UserInfo/") :])
        elif resource.startswith("Auth/Users/Kindergarteners/"):
            found = KindergartenView(view).kindergartener(resource.rsplit("/", 1)[1])
        elif resource == "Auth/Classrooms":
            found = KindergartenView(view).classrooms()
        return (200, found) if found is not None else (404, NOT_FOUND)

    def _post(
        self, resource: str, view: GatewayView, session: Session
    ) -> tuple[int, JsonObj | str]:
        partial = "Auth/DescriptiveGradingSystem/PartialGrades/Student/"
        if resource.startswith(partial):
            return 200, view.partial_grades(resource[len(partial) :])
        if resource.startswith("SchoolNotices/MarkAsRead/"):
            notice_id = resource.rsplit("/", 1)[1]
            notice = self.world.notices.get(notice_id)
            self._side_effect(session.login, "mark_notice_read", notice=notice_id)
            if notice is None or view.s.id in notice.read_by:
                return 400, {"Code": "InvalidRequest", "Message": "[212] Invalid request params"}
            notice.read_by.add(view.s.id)
            return 200, {}
        if resource in ("ChangeRegister", "PushDevices", "Justifications"):
            self._side_effect(session.login, f"post_{resource}")
            return 400, {
                "Status": "Error",
                "Code": "InvalidRequest",
                "Message": "[212] Invalid request params",
            }
        self._side_effect(session.login, "post_gateway", resource=resource)
        return 404, {"Status": "Error", "Code": "NotFound", "Message": "Resource not found"}
