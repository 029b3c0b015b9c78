## The organisation's data (issue 9): the administrator's full export.

org-data-link = Download the organisation's data
org-data-title = The organisation's data
org-data-intro = Everything your organisation keeps in Hearth, in one zip file you can open in a spreadsheet: one CSV file per table, and a README that says what each column holds. The files are read at one moment, so they agree with each other.
org-data-in-title = What is in it
org-data-in = { $count ->
    [one] One table: people, roles, sites, programmes, activities and attendance, events, training, groups and the support service's rota and counts.
   *[other] { $count } tables: people, roles, sites, programmes, activities and attendance, events, training, groups and the support service's rota and counts.
}
org-data-out-title = What stays in Hearth
org-data-out-writing = Private writing: reflections, stocktakes, recovery stories, check-ins, icebreaker notes, conversations and the text of stories.
org-data-out-logs = Session logs, and what people said about themselves when they asked for support.
org-data-out-secrets = Passwords, sign-in links and personal links.
org-data-out-count = { $count ->
    [one] One table is left out whole; the README names it and says why.
   *[other] { $count } tables are left out whole; the README names each one and says why.
}
org-data-download = Download the zip
org-data-audited = Each download is written to the audit log with your name.
org-data-backup-title = A copy to restore from
org-data-backup = This export is for reading. To keep a copy Hearth can be restored from, the person who runs the server uses the backup command, which copies everything while Hearth keeps running:
