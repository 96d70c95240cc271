"""Calendar feeds (iCalendar): the delegations of a province, a unit or a leader, in any calendar app."""
