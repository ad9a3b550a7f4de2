"""What the app tells people: an inbox in the app and e-mail, at once or as a daily digest."""
