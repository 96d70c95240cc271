"""The yearly collection of the units' proposals, and the reminders that chase what is due."""
