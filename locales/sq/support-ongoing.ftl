# Mbështetja e vazhdueshme një-me-një dhe referimet (çështja 7).

action-my-support = Mbështetja ime

## Temat e përvojës së jetuar
ongoing-topic-anxiety = Ankthi dhe shqetësimi
ongoing-topic-low-mood = Humor i ulët dhe depresion
ongoing-topic-eating = Të ushqyerit dhe imazhi i trupit
ongoing-topic-substance-use = Alkooli dhe drogat
ongoing-topic-trauma = Trauma
ongoing-topic-grief = Zia dhe humbja
ongoing-topic-chronic-illness = Të jetuarit me një sëmundje
ongoing-topic-disability = Aftësia e kufizuar
ongoing-topic-new-culture = Një vend apo kulturë e re
ongoing-topic-first-in-family = I pari në familje në universitet
ongoing-topic-lgbtq = Jeta LGBTQ+
ongoing-topic-student-life = Studimet dhe jeta studentore

ongoing-part-morning = paradite
ongoing-part-afternoon = pasdite
ongoing-part-evening = mbrëmje

## Gjendja
ongoing-status-open = Në pritje të një bashkëmoshatari
ongoing-status-matched = U çiftua: bashkëmoshatari do të propozojë një marrëveshje
ongoing-status-proposed = Marrëveshja pret studentin
ongoing-status-active = Në vazhdim
ongoing-status-closed = E mbyllur
ongoing-session-n-of-m = Seanca { $n } nga { $m }
ongoing-sessions-agreed = { $m } seanca të rëna dakord, asnjë e caktuar ende
ongoing-next = Në vijim: seanca { $n } më { $when }
ongoing-with = me { $name }

## Faqja e studentit
ongoing-mine-title = Mbështetja ime
ongoing-mine-intro = Këtu mund të kërkoni mbështetje të vazhdueshme me një bashkëmoshatar të trajnuar dhe ta ndiqni mbështetjen që keni.
ongoing-ask-title = Kërkoni mbështetje të vazhdueshme
ongoing-ask-privacy = Një koordinator i vendit e lexon këtë për të gjetur bashkëmoshatarin e duhur për ju. Pasi të çiftoheni, vetëm ju, bashkëmoshatari juaj dhe mbikëqyrësit e tij shohin se për çfarë është mbështetja.
ongoing-ask-send = Dërgo kërkesën time
ongoing-crisis-note = Nëse keni nevojë për ndihmë tani, mos prisni çiftimin.
ongoing-field-site = Ku
ongoing-field-help-with = Për çfarë dëshironi ndihmë?
ongoing-field-help-with-hint = Mjaftojnë disa fjalë. Ndani vetëm atë që ndiheni rehat ta ndani.
ongoing-field-language = Gjuha e seancave
ongoing-field-kind = Lloji i bashkëmoshatarit
ongoing-field-kind-hint = Punonjësit e mbështetjes nga bashkëmoshatarët sjellin përvojë të jetuar; llojet e tjera ndihmojnë me studimet, burimet ose përshtatjen.
ongoing-any = Pa preferencë
ongoing-field-topics = Përvoja e jetuar që do të ndihmonte
ongoing-field-topics-hint = Nëse ka rëndësi për ju, zgjidhni çfarë do të dëshironit që bashkëmoshatari juaj ta ketë kaluar gjithashtu.
ongoing-field-availability = Kur jeni të lirë
ongoing-field-availability-hint = Shënoni kohët që zakonisht ju përshtaten.
ongoing-error-help-required = Ju lutemi thoni me pak fjalë për çfarë dëshironi ndihmë.
flash-ongoing-asked = Kërkesa juaj u dërgua. Një koordinator do t'ju çiftojë me një bashkëmoshatar dhe do të njoftoheni.

## Stafi referon një student
ongoing-refer-title = Referoni një student
ongoing-refer-intro = Kërkoni mbështetje të vazhdueshme në emër të një studenti, me pëlqimin e tij. Ai do të njoftohet dhe mund ta ndjekë në faqen e vet.
ongoing-field-student = Emaili i studentit
ongoing-field-student-hint = Duhet të ketë një llogari në Hearth.
ongoing-refer-send = Dërgo referimin
ongoing-error-no-such-student = Askush me këtë email nuk mund të referohet.
ongoing-referred-title = U referuat për mbështetje të vazhdueshme
ongoing-referred-body = { $name } kërkoi mbështetje të vazhdueshme nga bashkëmoshatarët për ju. Do të njoftoheni kur të çiftoheni me dikë.
flash-ongoing-referred = Referimi u dërgua.
ongoing-referral-tag = Referim
ongoing-referred-by = Referuar nga { $name }

## Lista e stafit dhe çiftimi
ongoing-list-title = Mbështetja e vazhdueshme
ongoing-list-intro = Kërkesat që presin një bashkëmoshatar, mbështetjet që mbani ju dhe mbështetjet në vendet tuaja.
ongoing-list-empty = Ende asgjë këtu.
ongoing-requests-title = Kërkesa në pritje të një bashkëmoshatari
ongoing-asked-on = kërkuar më { $when }
ongoing-match = Çifto me një bashkëmoshatar
ongoing-mine-as-peer = Mbështetjet që mbani
ongoing-at-sites = Mbështetjet në vendet tuaja
ongoing-progress = Ku qëndron
ongoing-extensions-waiting = Zgjatje që presin vendimin tuaj
ongoing-new-request-title = Një kërkesë e re për mbështetje të vazhdueshme
ongoing-new-request-body = Dikush pret të çiftohet me një bashkëmoshatar.
ongoing-match-title = Çiftoni një kërkesë
ongoing-match-privacy = E shihni këtë kërkesë për ta çiftuar. Pas çiftimit, se për çfarë është mbështetja mbetet te studenti, bashkëmoshatari dhe mbikëqyrësit e vendit.
ongoing-suggested = Bashkëmoshatarë të sugjeruar, më i përshtatshmi i pari
ongoing-no-peers = Asnjë punonjës bashkëmoshatar nuk shërben ende në këtë vend.
ongoing-assign = Çifto me { $name }
ongoing-reason-kind = { $kind }, siç u kërkua
ongoing-reason-topics = Ka kaluar: { $topics }
ongoing-reason-language = Flet { $language }
ongoing-reason-free = I lirë në të njëjtat kohë: { $times }
ongoing-reason-caseload = { $count ->
    [0] Asnjë mbështetje e vazhdueshme tani
    [one] Një mbështetje e vazhdueshme tani
   *[other] { $count } mbështetje të vazhdueshme tani
}
ongoing-reason-full = Nuk merr mbështetje të reja tani
ongoing-matched-peer-title = Një student u çiftua me ju
ongoing-matched-peer-body = Jeni bashkëmoshatari i { $name } për mbështetje të vazhdueshme. Propozoni sa seanca do të keni dhe çfarë përfshijnë.
ongoing-matched-student-title = Keni një bashkëmoshatar
ongoing-matched-student-body = { $name } do të jetë bashkëmoshatari juaj. Do të propozojë sa seanca do të keni; asgjë nuk fillon pa pëlqimin tuaj.
flash-ongoing-matched = U çiftua. Të dy u njoftuan.

## Profili i bashkëmoshatarit
ongoing-profile-title = Profili im për çiftim
ongoing-profile-intro = Koordinatorët e shohin këtë kur çiftojnë studentët me bashkëmoshatarët. Asgjë këtu nuk shfaqet nëse nuk e zgjidhni.
ongoing-open-to-new = Mund të marr një mbështetje të re të vazhdueshme
ongoing-profile-topics = Përvoja e jetuar që jam gati ta sjell
ongoing-profile-topics-hint = Opsionale. Vetëm koordinatorët që çiftojnë një student e shohin, për të gjetur dikë që ka ecur në një rrugë të ngjashme.
ongoing-profile-languages = Gjuhët në të cilat mbaj seanca
ongoing-profile-save = Ruaj profilin tim

## Një mbështetje
ongoing-support-title = Mbështetja e vazhdueshme
ongoing-student = Studenti
ongoing-peer = Bashkëmoshatari
ongoing-no-peer-yet = ende pa çiftim
ongoing-sessions = Seancat
ongoing-scheduled-of = { $n } nga { $m } të caktuara
ongoing-extended-by = { $count } të shtuara nga një mbikëqyrës
ongoing-counts-only = Shihni që kjo mbështetje ekziston dhe sa ka ecur. Se për çfarë është mbetet te studenti, bashkëmoshatari dhe mbikëqyrësit e vendit.
ongoing-request-title = Kërkesa
ongoing-agreement-title = Marrëveshja
ongoing-agreed-sessions = { $count } seanca
ongoing-agreement-confirmed = E pranuar nga të dy.
ongoing-agreement-waiting = Në pritje të pëlqimit të studentit. Asnjë seancë nuk caktohet më parë.
ongoing-agreement-none = Bashkëmoshatari nuk ka propozuar ende një marrëveshje.
ongoing-confirm-hint = Duke pranuar, e dini që në fillim sa seanca do të ketë. Më shumë janë të mundshme vetëm me miratimin e një mbikëqyrësi.
ongoing-confirm = Pranoj
ongoing-field-sessions = Numri i seancave
ongoing-field-sessions-hint = Nga 1 deri në 12. Thuajeni që në fillim: më shumë kërkojnë miratimin e një mbikëqyrësi.
ongoing-field-covers = Çfarë përfshin mbështetja
ongoing-field-covers-hint = Me fjalë të thjeshta, për çfarë do të punoni së bashku dhe sa shpesh.
ongoing-propose = Propozo marrëveshjen
ongoing-proposed-title = Bashkëmoshatari juaj propozoi një marrëveshje
ongoing-proposed-body = { $name } propozoi sa seanca do të keni. Lexojeni dhe pranojeni nëse ju përshtatet.
flash-ongoing-proposed = Marrëveshja u propozua. Studenti u njoftua.
ongoing-confirmed-title = Studenti pranoi
ongoing-confirmed-body = { $name } pranoi. Mund të caktoni seancën e parë.
flash-ongoing-confirmed = Faleminderit. Bashkëmoshatari juaj tani mund të caktojë seancat.
ongoing-no-sessions = Ende asnjë seancë e caktuar.
ongoing-held = e mbajtur
ongoing-add-to-calendar = Shto në kalendarin tim
ongoing-schedule-title = Caktoni seancën e radhës
ongoing-field-room = Dhomë konfidenciale (opsionale)
ongoing-schedule = Cakto dhe dërgo ftesën
ongoing-room-purpose = Seancë mbështetjeje të vazhdueshme
ongoing-limit-reached = Të gjitha seancat e rëna dakord janë caktuar. Kërkojini një mbikëqyrësi zgjatje nëse duhen më shumë.
ongoing-error-not-confirmed = Studenti nuk ka pranuar ende: seancat mund të caktohen pasi të pranojë.
ongoing-error-closed = Kjo mbështetje është e mbyllur.
ongoing-error-limit = Të gjitha seancat e rëna dakord janë caktuar. Më shumë kërkojnë miratimin e një mbikëqyrësi.
ongoing-error-required = Ju lutemi plotësojeni këtë.
ongoing-error-extra = Nga 1 deri në 6 seanca të tjera.
flash-ongoing-scheduled = Seanca u caktua. Të dy e keni ftesën.
ongoing-calendar-title = Mbështetje nga bashkëmoshatarët · seanca { $n } nga { $m }
ongoing-calendar-with = { $student } dhe { $peer }
ongoing-invitation-subject = Seanca { $n } nga { $m }: { $when }
ongoing-invitation-body = Seanca juaj e radhës e mbështetjes së vazhdueshme u caktua. Ftesa e kalendarit është bashkëngjitur.
ongoing-reminder-title = Seanca juaj është nesër
ongoing-reminder-body = Seanca { $n } nga { $m } është më { $when }.
ongoing-extensions-title = Më shumë seanca
ongoing-extension-more = { $count ->
    [one] Edhe një seancë
   *[other] Edhe { $count } seanca
}
ongoing-extension-hint = Vetëm një mbikëqyrës i vendit mund të shtojë seanca. Thoni pse do të ndihmonin më shumë.
ongoing-field-extra = Sa më shumë
ongoing-field-reason = Pse
ongoing-extension-ask = Pyet një mbikëqyrës
ongoing-extension-approve = Mirato
ongoing-extension-decline = Refuzo
ongoing-extension-waiting = Në pritje të një mbikëqyrësi
ongoing-extension-approved = E miratuar
ongoing-extension-declined = E refuzuar
ongoing-extension-asked-title = Një bashkëmoshatar kërkon më shumë seanca
ongoing-extension-asked-body = { $name } kërkon të zgjasë një mbështetje të vazhdueshme.
ongoing-extension-decided-title = Kërkesa juaj për zgjatje u vendos
ongoing-extension-approved-body = { $name } miratoi seancat shtesë.
ongoing-extension-declined-body = { $name } refuzoi seancat shtesë.
flash-ongoing-extension-asked = Kërkesa juaj iu dërgua mbikëqyrësve të vendit.
flash-ongoing-extension-decided = U vendos. Bashkëmoshatari u njoftua.
ongoing-close-title = Mbyllni mbështetjen
ongoing-field-summary = Përmbledhja përmbyllëse
ongoing-field-summary-hint = Disa rreshta të ngrohtë për studentin: për çfarë punuat, çfarë ndihmoi, ku të drejtohet më tej.
ongoing-close = Mbyll me këtë përmbledhje
ongoing-closed-title = Mbështetja juaj e vazhdueshme u mbyll
ongoing-closed-body = { $name } shkroi një përmbledhje përmbyllëse për ju.
ongoing-summary-title = Përmbledhja përmbyllëse
flash-ongoing-closed = Mbështetja u mbyll. Studenti mund ta lexojë përmbledhjen tuaj.
flash-ongoing-not-now = Kjo nuk mund të bëhet tani: mbështetja ka ecur përpara. Ja ku qëndron.
ongoing-home-title = Mbështetja e vazhdueshme
ongoing-referrals-title = Referuar te shërbimet

## Referimet te shërbimet
referral-new-title = Referoni te një shërbim
referral-back = Kthehu
referral-for = Për { $name }
referral-walk-in = një vizitor pa takim më { $date }
referral-service = Cili shërbim
referral-note = Një shënim për veten
referral-note-hint = Opsionale: çfarë ratë dakord, çfarë të pyesni kur të kontrolloni.
referral-days = Më kujto të kontrolloj pas sa ditësh
referral-days-hint = Nga 1 deri në 60.
referral-make = Bëj referimin
ongoing-error-follow-up = Nga 1 deri në 60 ditë.
flash-referral-made = Referimi u regjistrua. Do t'ju kujtohet të kontrolloni.
referral-list-title = Referimet e mia
referral-list-intro = Shërbimet te të cilat keni referuar njerëz. Kontrolloni kur të vijë kujtesa dhe shënoni si shkoi.
referral-none = Ende nuk keni referuar askënd.
referral-made-on = referuar më { $when }
referral-due = Koha për të kontrolluar (që nga { $when }).
referral-follow-up-on = Kontrolloni më { $when }.
referral-outcome = Si shkoi?
referral-outcome-taken-up = U pranua
referral-outcome-declined = U refuzua
referral-outcome-not-reachable = Nuk u arrit
referral-outcome-waiting = Ende në pritje
referral-record = Regjistro
flash-referral-recorded = U regjistrua. Faleminderit që kontrolluat.
flash-referral-choose = Ju lutemi zgjidhni si shkoi.
referral-follow-up-title = Koha për të kontrolluar një referim
referral-follow-up-body = Si po ia del { $name } me { $service }? Shënoni çfarë dëgjoni.
referral-alerts-title = Sinjalizimet "Kam nevojë për mbështetje"
referral-alerts-intro = Njerëzit që kërkuan mbështetje gjatë këtij aktiviteti. Vetëm lehtësuesit e aktivitetit e shohin këtë.
referral-made-here = Referimet tuaja nga ky aktivitet
referral-alerts-link = Sinjalizimet "Kam nevojë për mbështetje" dhe referimet

## Raportet
reports-ongoing-title = Mbështetja e vazhdueshme një-me-një
reports-ongoing-open = Mbështetje të vazhdueshme të hapura
reports-ongoing-closed = Mbështetje të vazhdueshme të mbyllura
reports-referrals-title = Referimet sipas shërbimit
reports-referrals-service = Shërbimi
reports-referrals-count = Referime
reports-referrals-none = Asnjë referim në këtë periudhë.
reports-ongoing-status = Ku qëndrojnë
reports-ongoing-count = Mbështetje
reports-ongoing-caption = Mbështetjet e vazhdueshme të kërkuara në periudhën e zgjedhur, në vendet e zgjedhura
reports-referrals-caption = Referimet e bëra në periudhën e zgjedhur, sipas shërbimit
referral-choose = Zgjidhni…
ongoing-profile-availability = Kur jam zakonisht i lirë
