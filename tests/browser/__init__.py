"""Browser tests: real Chromium through Playwright."""
