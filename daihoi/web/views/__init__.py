"""The pages of the web app: the home of each role."""
