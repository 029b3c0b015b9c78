# Takimi i një grupi mbështetës i mbajtur në internet, në dhomën live.
sg-live-heading = Takim në internet
sg-live-host-hint = Takimi zhvillohet në dhomën live të Hearth, me këtë rend dite si hapa. Hapeni disa minuta më herët; anëtarët mund të hyjnë sapo të jetë hapur.
sg-live-open = Hap dhomën live
sg-live-reopen = Shko te dhoma live
sg-live-join = Bashkohu në takim në internet
sg-live-not-yet = Dhoma live hapet kur një lehtësues fillon takimin. Kthehuni në këtë faqe disa minuta para fillimit.
sg-live-not-online = Ky takim nuk mbahet në internet, prandaj nuk ka dhomë live. Shënojeni më parë si takim në internet.

# Një thirrje për mbështetje e shënuar urgjente nga një lehtësues në dhomën live.
live-mark-urgent = Shëno si urgjente
live-mark-urgent-confirm = Ta shënoj këtë thirrje si urgjente? Mbikëqyrësi kujdestar dhe përgjegjësi për mbrojtjen e vendit njoftohen menjëherë.
live-urgent-by = Urgjente · shënuar nga { $name }
live-urgent-told = { $name }, mbikëqyrësi kujdestar, është njoftuar. Qëndroni me personin dhe ndiqni listën e hapave.
live-urgent-no-on-call = Ky vend nuk ka mbikëqyrës kujdestar: është njoftuar përgjegjësi për mbrojtjen. Qëndroni me personin dhe ndiqni listën e hapave.
live-urgent-no-path = Ky grup nuk i përket asnjë vendi, prandaj nuk u njoftua asnjë mbikëqyrës kujdestar. Qëndroni me personin dhe ndani numrat e krizës nga faqja e ndihmës.
live-urgent-checklist = Çfarë të bëni tani
live-urgent-notice-title = Urgjente: dikush në një aktivitet live ka nevojë për mbështetje
live-urgent-notice-body = { $name } kërkoi mbështetje gjatë "{ $event }", dhe { $host } e shënoi si urgjente. Ju lutemi kontaktoni menjëherë me { $host }.
live-refused-no-call = Vetëm një thirrje për mbështetje mund të shënohet si urgjente.
live-refused-already-urgent = Kjo thirrje është shënuar tashmë si urgjente.
