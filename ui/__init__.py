"""The web chat and the `fedqa` command line."""
