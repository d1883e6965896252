"""Local Amazon Cognito: a user pool (cognito-idp JSON protocol, SRP) and an identity pool."""

from amplify_mock.simulators.cognito.server import DEFAULT_PORT, CognitoServer
from amplify_mock.simulators.cognito.state import PasswordPolicy, PoolSettings
from amplify_mock.simulators.cognito.user_pool import UserPool

__all__ = ["DEFAULT_PORT", "CognitoServer", "PasswordPolicy", "PoolSettings", "UserPool"]
