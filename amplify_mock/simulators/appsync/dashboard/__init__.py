"""The console's dashboard API: traces, data browser, functions, user pool, live events."""

from amplify_mock.simulators.appsync.dashboard.events import ConsoleEvents, reload_event
from amplify_mock.simulators.appsync.dashboard.routes import DASHBOARD, add_routes
from amplify_mock.simulators.appsync.dashboard.services import DashboardServices

__all__ = ["DASHBOARD", "ConsoleEvents", "DashboardServices", "add_routes", "reload_event"]
