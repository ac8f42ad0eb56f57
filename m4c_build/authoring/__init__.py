"""Authoring: what helps a city write a valid report (the template and ``m4c new``)."""
