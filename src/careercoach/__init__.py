"""careercoach: a private, local-first AI career coach for the terminal."""

__version__ = "0.1.0"
