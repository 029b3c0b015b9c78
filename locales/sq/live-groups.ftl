# Takimi i një grupi mbështetës i mbajtur në internet, në dhomën live.
sg-live-heading = Takim në internet
sg-live-host-hint = Takimi zhvillohet në dhomën live të Hearth, me këtë rend dite si hapa. Hapeni disa minuta më herët; anëtarët mund të hyjnë sapo të jetë hapur.
sg-live-open = Hap dhomën live
sg-live-reopen = Shko te dhoma live
sg-live-join = Bashkohu në takim në internet
sg-live-not-yet = Dhoma live hapet kur një lehtësues fillon takimin. Kthehuni në këtë faqe disa minuta para fillimit.
sg-live-not-online = Ky takim nuk mbahet në internet, prandaj nuk ka dhomë live. Shënojeni më parë si takim në internet.
