"""The local S3 endpoint of `amplify mock storage` (objects as files under amplify/mock-data/S3).

An S3 of our own on aiohttp rather than moto behind a front: moto keeps objects in memory
and answers a browser's CORS preflight for a private object with 403, so a front would have
to own persistence, CORS and events anyway and keep moto's state in step with the files.
"""

from __future__ import annotations

from amplify_mock.simulators.s3.app import create_app
from amplify_mock.simulators.s3.events import (
    EventCallback,
    NotificationFilterError,
    NotificationTarget,
    build_s3_event,
    event_name_matches,
    key_filter_matches,
    matching_targets,
    notification_targets,
)
from amplify_mock.simulators.s3.server import (
    DEFAULT_PORT,
    S3PortInUseError,
    S3Server,
    S3SettingsError,
    run_standalone,
)
from amplify_mock.simulators.s3.state import S3Settings, WebsiteConfiguration

__all__ = [
    "DEFAULT_PORT",
    "EventCallback",
    "NotificationFilterError",
    "NotificationTarget",
    "S3PortInUseError",
    "S3Server",
    "S3Settings",
    "S3SettingsError",
    "WebsiteConfiguration",
    "build_s3_event",
    "create_app",
    "event_name_matches",
    "key_filter_matches",
    "matching_targets",
    "notification_targets",
    "run_standalone",
]
