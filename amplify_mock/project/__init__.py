"""The project engine: the `amplify/` tree, init, env, add, status, push, pull, publish."""
