"""The v2 directive plugins other than @model (relations, @function...)."""
