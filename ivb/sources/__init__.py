"""The sources wing: the only writers of data/."""
