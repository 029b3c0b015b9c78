# Hearth — shqip. Fjalë të thjeshta e të ngrohta; çdo çelës ekziston edhe në en/main.ftl.

## Faqosja dhe navigimi
skip-to-content = Kalo te përmbajtja kryesore
demo-banner = Ky është një demo i Hearth. Njerëzit dhe vendet janë të trilluar; provoni çfarëdo që dëshironi.
nav-label = Kryesore
nav-menu = Menyja
nav-home = Ballina
nav-cohorts = Kohortat
nav-sites = Vendndodhjet
nav-programmes = Programet
nav-people = Njerëzit
nav-services = Shërbimet
nav-organisation = Organizata
nav-audit = Regjistri i auditimit
nav-notifications = Njoftimet
nav-profile = Profili im
nav-help = Ndihmë
nav-get-help = Merrni ndihmë tani
unread = të palexuara
signed-in-as = Jeni kyçur si { $name }
sign-out = Çkyçu
language = Gjuha
language-change = Ndrysho gjuhën
new = I ri
save = Ruaj
cancel = Anulo
edit = Ndrysho
edit-named = Ndrysho { $name }
remove-named = Hiq { $name }
archive = Arkivo
restore = Rikthe
archived = Në arkiv
show-archived = Shfaq edhe ato në arkiv
hide-archived = Fshih ato në arkiv
choose = Zgjidhni…
search = Kërko
when = Kur
who = Kush
what = Çfarë
whose = Të dhënat e kujt
participants = Pjesëmarrësit
someone-removed = Dikush, llogaria e të cilit është hequr
go-home = Shko te ballina ime
confirm-archive = Dëshironi ta arkivoni këtë? Do të mbetet në regjistra dhe mund të rikthehet.
confirm-remove = Dëshironi ta hiqni këtë rol?
confirm-deactivate = Dëshironi ta çaktivizoni këtë llogari? Personi çkyçet kudo dhe nuk mund të kyçet derisa llogaria të riaktivizohet.
pager-label = Faqet
pager-previous = Faqja e mëparshme
pager-next = Faqja tjetër
pager-position = Faqja { $page } prej { $pages }
form-has-errors = { $count ->
    [one] Më poshtë ka një gjë për t'u rregulluar.
   *[other] Më poshtë ka { $count } gjëra për t'u rregulluar.
}

## Konfirmimet pas një veprimi
flash-saved = U ruajt.
flash-archived = U arkivua.
flash-restored = U rikthye.
flash-signed-out = U çkyçët. Shihemi së shpejti.
flash-password-changed = Fjalëkalimi juaj u ndryshua. Ju lutemi kyçuni me fjalëkalimin e ri.
flash-password-set = Fjalëkalimi juaj u caktua. Mirë se erdhët!
flash-invited = Ftesa është nisur.
flash-imported = Të gjithë personat në skedar u shtuan dhe u ftuan.
flash-member-added = U shtua në kohortë.
flash-member-removed = U hoq nga kohorta.
flash-role-added = Roli u dha.
flash-role-removed = Roli u hoq.
flash-deactivated = Llogaria u çaktivizua.
flash-reactivated = Llogaria është sërish aktive.

## Gabimet në formularë
error-email-required = Ju lutemi shkruani një adresë email-i.
error-email-invalid = Kjo nuk duket si adresë email-i. Duhet të duket si name@example.org.
error-email-taken = Dikush tjetër ka tashmë llogari me këtë adresë email-i.
error-password-short = Ju lutemi zgjidhni një fjalëkalim me të paktën 10 karaktere. Një fjali e shkurtër funksionon mirë.
error-password-long = Ky fjalëkalim është shumë i gjatë: lejohen më së shumti 200 karaktere.
error-password-mismatch = Dy fjalëkalimet nuk janë të njëjta.
error-current-password = Ky nuk është fjalëkalimi juaj aktual.
error-name-required = Ju lutemi shkruani një emër.
error-name-long = Ju lutemi mos i kaloni 120 karaktere.
error-name-invalid = Ju lutemi përdorni vetëm shkronja, numra dhe shenja pikësimi.
error-text-long = Ky tekst është shumë i gjatë. Ju lutemi shkurtojeni.
error-date-invalid = Ju lutemi shkruani datën si vit-muaj-ditë, për shembull 2026-09-21.
error-end-before-start = Data e mbarimit është para datës së fillimit.
error-time-zone-invalid = Ju lutemi shkruani një zonë kohore si Europe/Belgrade ose America/Vancouver.
error-choose-one = Ju lutemi zgjidhni njërën nga mundësitë.
error-role-not-yours = Ju nuk mund ta jepni këtë rol këtu.
error-role-held = Ky person e ka tashmë këtë rol atje.

## Faqet e gabimeve
error-not-found-title = Nuk e gjetëm këtë faqe
error-not-found = Faqja mund të jetë zhvendosur, ose lidhja mund të jetë shkruar gabim.
error-forbidden-title = Kjo faqe nuk është e hapur për ju
error-forbidden = Roli juaj nuk e përfshin këtë. Nëse mendoni se duhet ta përfshijë, pyetni koordinatorin tuaj.
error-form-expired-title = Ju lutemi provoni sërish
error-form-expired = Formulari ishte i hapur për një kohë të gjatë ose erdhi nga një faqe tjetër, prandaj nuk u ndryshua asgjë. Kthehuni prapa, ringarkoni faqen dhe dërgojeni sërish.
error-internal-title = Diçka shkoi keq nga ana jonë
error-internal = Asgjë nga ato që shkruat nuk ka humbur. Ju lutemi provoni sërish pas pak; nëse vazhdon të ndodhë, tregojini administratorit tuaj referencën më poshtë.
error-request-id = Referenca: { $id }

## Kyçja
sign-in-title = Kyçu
sign-in-intro = Mirë se vini në Hearth. Kyçuni me adresën e email-it në të cilën ju erdhi ftesa nga koordinatori juaj.
sign-in = Kyçu
field-email = Adresa e email-it
field-password = Fjalëkalimi
sign-in-failed = Kjo adresë email-i dhe ky fjalëkalim nuk përputhen me asnjë llogari. Ju lutemi kontrolloni të dyja dhe provoni sërish.
sign-in-paused = Shumë përpjekje për këtë adresë email-i. Për sigurinë tuaj, ju lutemi prisni 15 minuta ose rivendosni fjalëkalimin.
forgot-link = Keni harruar fjalëkalimin?
forgot-title = Rivendosni fjalëkalimin
forgot-intro = Shkruani adresën tuaj të email-it dhe do t'ju dërgojmë një lidhje për të zgjedhur një fjalëkalim të ri.
forgot-submit = Më dërgoni një lidhje
forgot-sent = Nëse kjo adresë përdoret nga ndonjë llogari, lidhja është nisur. Ajo vlen për një orë.
back-to-sign-in = Kthehu te kyçja
reset-title = Zgjidhni një fjalëkalim të ri
reset-intro = Zgjidhni një fjalëkalim të ri për llogarinë tuaj.
invitation-title = Mirë se vini në Hearth
invitation-intro = Përshëndetje, { $name }! Zgjidhni një fjalëkalim për të përfunduar krijimin e llogarisë suaj.
field-new-password = Fjalëkalimi i ri
field-confirm-password = I njëjti fjalëkalim edhe një herë
password-hint = Të paktën 10 karaktere. Një fjali e shkurtër që do ta mbani mend funksionon mirë.
choose-password-submit = Ruaj fjalëkalimin tim
link-expired = Kjo lidhje ka skaduar ose është përdorur tashmë. Kërkoni një të re më poshtë.
demo-accounts-title = Llogaritë demo
demo-accounts-intro = Të gjitha llogaritë demo përdorin fjalëkalimin hearth-demo.

## Email-et
email-reset-subject = Zgjidhni një fjalëkalim të ri për Hearth
email-reset-body = Përshëndetje { $name },

    Dikush (shpresojmë se ju) kërkoi të rivendosë fjalëkalimin tuaj në Hearth. Hapni këtë lidhje brenda një ore për të zgjedhur një fjalëkalim të ri:

    { $link }

    Nëse nuk ishit ju, mund ta shpërfillni këtë mesazh; fjalëkalimi juaj mbetet i njëjtë.
email-invitation-subject = Jeni ftuar të bashkoheni me { $organisation } në Hearth
email-invitation-body = Përshëndetje { $name },

    { $inviter } ju ftoi të bashkoheni me { $organisation } në Hearth, ku e zhvillojmë së bashku programin tonë të mbështetjes nga bashkëmoshatarët.

    Hapni këtë lidhje për të zgjedhur fjalëkalimin tuaj (vlen për 14 ditë):

    { $link }

## Ballina
home-title = Ballina
home-greeting = Përshëndetje, { $name }
home-no-roles = Ende nuk keni ndonjë rol. Koordinatori juaj do t'ju shtojë së shpejti në një kohortë ose në një ekip.
home-news = Të reja për ju
home-all-notifications = Shihni të gjitha njoftimet
home-at-a-glance = Në një vështrim
home-your-cohorts = Kohortat
home-no-cohorts = Ende nuk ka kohorta për t'u shfaqur.
home-your-role = roli juaj: { $role }
home-peer-title = Puna juaj në mbështetjen nga bashkëmoshatarët
home-peer-intro = Faleminderit që i mbështetni bashkëmoshatarët tuaj. Në listën e shërbimeve gjeni ku mund ta drejtoni dikë që ka nevojë për më shumë ndihmë.
home-actions = Çfarë mund të bëni
action-invite = Fto dikë
action-import = Importo persona nga një skedar
action-new-cohort = Kohortë e re
action-new-site = Vendndodhje e re
action-new-service = Shto një shërbim
action-audit = Regjistri i auditimit
action-services = Shërbimet mbështetëse

## Rolet dhe fushëveprimi
role-administrator = Administrator/e
role-coordinator = Koordinator/e
role-supervisor = Mbikëqyrës/e
role-safeguarding-lead = Përgjegjës/e për mbrojtjen
role-facilitator = Lehtësues/e
role-participant = Pjesëmarrës/e
role-peer-support-worker = Punonjës/e për mbështetje nga bashkëmoshatarët
role-student-support-worker = Punonjës/e për mbështetjen e studentëve
role-student-resource-navigator = Udhëzues/e për burimet e studentëve
role-international-peer-support-mentor = Mentor/e ndërkombëtar/e për mbështetje nga bashkëmoshatarët
role-international-student-peer-mentor = Mentor/e bashkëmoshatar/e për studentët ndërkombëtarë
role-peer-academic-coach = Trajner/e akademik/e bashkëmoshatar/e
role-peer-educator = Edukator/e bashkëmoshatar/e
scope-organisation = E gjithë organizata
scope-site = Vendndodhja: { $name }
scope-cohort = Kohorta: { $name }

## Vendndodhjet
sites-title = Vendndodhjet
sites-empty = Ende nuk ka vendndodhje.
site-new-title = Vendndodhje e re
site-edit-title = Ndrysho këtë vendndodhje
site-details = Të dhënat e vendndodhjes
site-archived-notice = Kjo vendndodhje është në arkiv. Ajo mbetet në regjistra.
field-name = Emri
field-site-kind = Lloji i vendndodhjes
field-address = Adresa
site-kind-school = Shkollë
site-kind-campus = Kampus
site-kind-municipality = Komunë
site-kind-community-centre = Qendër komunitare

## Programet
programmes-title = Programet
programmes-intro = Programi është e tërë ajo që ofroni, e ndarë në faza (për shembull faza në terren I dhe II).
programmes-empty = Ende nuk ka programe.
programme-new-title = Program i ri
programme-create = Krijo programin
programme-edit-title = Ndrysho këtë program
phases-title = Fazat
phases-empty = Ende nuk ka faza.
phase-add = Shto një fazë
field-description = Përshkrimi
field-starts-on = Fillon më
field-ends-on = Mbaron më

## Kohortat
cohorts-title = Kohortat
cohorts-empty = Ende nuk ka kohorta.
cohort-new-title = Kohortë e re
cohort-name-hint = Për shembull: Kohorta e dialogut të vjeshtës 2026
cohort-dates = nga { $start } deri më { $end }
cohort-participant-count = { $count ->
    [one] Një pjesëmarrës
   *[other] { $count } pjesëmarrës
}
cohort-staff = Lehtësuesit dhe stafi
cohort-no-staff = Ende askush nuk e lehtëson këtë kohortë.
cohort-no-participants = Ende nuk është bashkuar askush.
cohort-archived-notice = Kjo kohortë është në arkiv.
cohort-add-member = Shto dikë
cohort-add-member-hint = Fillimisht duhet të kenë llogari: ftojini nga faqja Njerëzit.
cohort-add-member-submit = Shto në kohortë
cohort-member-unknown = Askush nuk ka llogari me këtë adresë email-i. Fillimisht ftojeni nga faqja Njerëzit.
cohort-member-already = Ky person e ka tashmë këtë rol në këtë kohortë.
field-programme = Programi dhe faza
field-site = Vendndodhja
field-dates = Datat
field-role = Roli

## Njerëzit
people-title = Njerëzit
people-search-label = Kërkoni sipas emrit ose email-it
people-count = { $count ->
    [one] Një person
   *[other] { $count } persona
}
field-status = Statusi
status-active = Aktiv/e
status-invited = I/e ftuar, ende pa u kyçur
status-deactivated = I/e çaktivizuar
invite-title = Fto dikë
invite-intro = Do të marrin një email me një lidhje për të zgjedhur fjalëkalimin e tyre.
invite-submit = Dërgo ftesën
field-display-name = Emri që do ta shohin të tjerët
field-scope = Ku
person-roles = Rolet
person-no-roles = Ende nuk ka role.
person-add-role = Jep një rol
person-add-role-submit = Jep këtë rol
person-account = Llogaria
person-reinvite = Dërgo ftesën sërish
person-deactivate = Çaktivizo llogarinë
person-reactivate = Riaktivizo llogarinë

## Importi
import-title = Importo persona nga një skedar
import-intro = Ngarkoni një skedar CSV (ose ngjitni përmbajtjen e tij) me një rresht titujsh. Kolonat email dhe name janë të detyrueshme; role, site, cohort, language dhe pronouns janë opsionale. Do të shihni çdo rresht të kontrolluar para se të ruhet diçka, dhe asgjë nuk ruhet nëse nuk janë të saktë të gjithë rreshtat.
import-file = Skedari CSV
import-paste = Ose ngjitni përmbajtjen këtu
import-check = Kontrollo skedarin
import-preview = Çfarë gjetëm
import-ready = { $count ->
    [one] Një rresht është gati për import.
   *[other] Të gjithë { $count } rreshtat janë gati për import.
}
import-has-errors = Disa rreshta duhen rregulluar. Asgjë nuk është ruajtur: korrigjoni skedarin dhe kontrollojeni sërish.
import-confirm = { $count ->
    [one] Shto këtë person dhe ftoje
   *[other] Shto këta { $count } persona dhe ftoji
}
import-line = Rreshti
import-problems = Kontrolli
import-row-ok = Gati
import-error-columns = Rreshti i parë duhet të përmbajë emrat e kolonave, përfshirë email dhe name.
import-error-empty = Skedari nuk përmban asnjë person.
import-error-unreadable = Nuk mundëm ta lexojmë këtë skedar. Ju lutemi ruajeni si CSV dhe provoni sërish.
import-error-row-unreadable = Ky rresht nuk mund të lexohej.
import-error-encoding = Ju lutemi ruajeni skedarin si tekst UTF-8.
import-error-too-big = Skedari është shumë i madh: ju lutemi ndajeni në skedarë më të vegjël se 1 MB.
import-error-duplicate = Kjo adresë email-i shfaqet dy herë në skedar.
import-error-role = "{ $role }" nuk është rol që Hearth e njeh.
import-error-site = Nuk ka vendndodhje me emrin "{ $site }".
import-error-cohort = Nuk ka kohortë me emrin "{ $cohort }".
import-error-language = "{ $language }" nuk është gjuhë që Hearth e flet ende (en ose sq).

## Profili
profile-title = Profili im
profile-email = Ju kyçeni si { $email }
profile-about = Rreth meje
field-pronouns = Përemrat
field-pronouns-hint = Opsionale, për shembull ajo, ai.
field-time-zone = Zona kohore
field-time-zone-hint = Për shembull Europe/Belgrade. Lëreni bosh për të përdorur zonën kohore të organizatës.
profile-password = Fjalëkalimi
field-current-password = Fjalëkalimi aktual
profile-change-password = Ndrysho fjalëkalimin
profile-reads-title = Kush ka lexuar çfarë është regjistruar për ju
profile-reads-intro = Sa herë që dikush hap diçka të ndjeshme për ju, Hearth e shënon këtu.
profile-reads-none = Askush nuk ka lexuar asgjë të ndjeshme për ju.

## Njoftimet
notifications-title = Njoftimet
notifications-empty = Asgjë e re. Do t'ju njoftojmë kur diçka të ketë nevojë për ju.
notifications-mark-read = Shëno të gjitha si të lexuara

## Shërbimet dhe ndihma
services-title = Shërbimet mbështetëse
services-intro = Ku të drejtoheni për mbështetje: mbështetje nga bashkëmoshatarët për parandalim dhe mbështetje psikologjike për ndërhyrje.
services-empty = Ende nuk ka shërbime të listuara.
service-new-title = Shto një shërbim
service-edit-title = Ndrysho një shërbim
service-kind-prevention = Parandalim (mbështetje nga bashkëmoshatarët)
service-kind-intervention = Ndërhyrje (mbështetje psikologjike)
service-contact = Kontakti
service-contact-hint = Numri i telefonit shndërrohet në një buton që njerëzit mund ta prekin për të telefonuar.
service-hours = Orari
service-languages = Gjuhët
service-crisis-line = Linjë për kriza
service-crisis-line-field = Kjo është linjë për kriza: shfaqet e para në faqen e ndihmës
field-service-kind = Lloji i shërbimit
help-title = Ndihmë
help-now-title = Nëse ju ose dikush tjetër është në rrezik tani
help-steps-title = Çfarë të bëni tani
help-step-safe = Sigurohuni që ju dhe personi jeni të sigurt. Largohuni nga rreziku nëse mundeni.
help-step-call = Telefononi njërin nga numrat më sipër. Nuk keni nevojë të dini çfarë të thoni: tregojuni çfarë po ndodh.
help-step-stay = Nëse dikush është në rrezik, qëndroni me të, ose kërkoni nga dikush që i besoni të qëndrojë, derisa të vijë ndihma.
help-step-tell = Më pas, tregojini mbikëqyrësit ose koordinatorit tuaj dhe kujdesuni edhe për veten.
help-services-title = Shërbimet mbështetëse

## Administrimi
organisation-title = Organizata
field-crisis-text = Çfarë të bëni në rast krize
field-crisis-text-hint = Shfaqet në krye të faqes së ndihmës, për të gjithë, të kyçur ose jo.
audit-title = Regjistri i auditimit
audit-intro = Çdo lexim i informacionit të ndjeshëm: kush e lexoi, kur dhe të kujt ishte.
audit-empty = Ende nuk është lexuar asgjë.
audit-subject-session-log = një regjistër takimi
audit-subject-reflection = një reflektim
audit-subject-support-request = një kërkesë për mbështetje
audit-subject-person-export = një eksport i të dhënave të personit
audit-subject-person-record = të dhënat e tyre (kontaktet dhe rolet)

## Njoftimet që dërgon Hearth
notice-role-title = Tani jeni { $role }: { $place }
notice-role-body = Hapni Hearth për të parë çfarë do të thotë kjo për ju dhe çfarë vjen më pas.

## Grupe bashkëmoshatarësh
flash-groups-saved = Grupet u ruajtën. Ato qëndrojnë së bashku gjatë gjithë kursit.
groups-heading = Grupe bashkëmoshatarësh
groups-manage = Formo dhe rregullo grupet
groups-yours = grupi juaj
groups-title = Grupe bashkëmoshatarësh në { $cohort }
groups-intro = Grupe të vogla bashkëmoshatarësh qëndrojnë së bashku gjatë gjithë kursit. Hearth propozon grupe të balancuara sipas asaj që zgjidhni ju; para se t'i ruani, mund t'i mbani disa persona në vend, t'i zhvendosni dhe të propozoni sërish.
groups-current = Grupet aktuale
groups-none-yet = Ende nuk është formuar asnjë grup.
groups-propose-title = Propozo grupe
groups-member-count = { $count ->
    [one] Një pjesëmarrës për t'u vendosur.
   *[other] { $count } pjesëmarrës për t'u vendosur.
}
groups-size = Persona për grup
groups-mix = Përziej sipas
groups-mix-hint = Çdo vlerë shpërndahet sa më barabartë që e lejojnë numrat, që çdo grup të përfshijë shkolla dhe role të ndryshme.
groups-match = Mbaj të njëjtë brenda grupit
groups-match-hint = Për shembull një gjuhë për grup.
groups-propose = Propozo grupe
groups-labels-title = Përshkruani anëtarët
groups-labels-hint = Një rresht për çdo pjesëmarrës: kolona e parë është adresa e email-it, të tjerat janë etiketa që i zgjidhni ju (shkolla, roli...). Gjuha (etiketa language) merret nga profili i secilit person.
groups-labels-field = Etiketat (CSV)
groups-labels-save = Ruaj etiketat
groups-labels-error-columns = Rreshti i parë duhet të fillojë me email, të ndjekur nga emrat e etiketave tuaja.
groups-labels-error-line = Rreshti { $line } nuk mund të lexohej: kontrolloni adresën e email-it dhe mbajeni secilën etiketë nën 60 karaktere.
groups-labels-error-member = Rreshti { $line }: { $email } nuk është ndër pjesëmarrësit e kësaj kohorte.
groups-pairs-title = Persona që duhen mbajtur veç ose bashkë
groups-pairs-hint = Një çift për rresht: dy adresa email-i të ndara me presje.
groups-apart = Mbaji veç
groups-together = Mbaji bashkë
groups-pairs-save = Ruaj çiftet
groups-pairs-error = Rreshti { $line } duhet të ketë adresat e email-it të dy pjesëmarrësve të ndryshëm, të ndara me presje.
groups-pairs-clash = Të njëjtët dy persona nuk mund të mbahen njëkohësisht veç dhe bashkë.
groups-history = Versionet e mëparshme
groups-count = { $count ->
    [one] një grup
   *[other] { $count } grupe
}
groups-in-use = në përdorim tani
groups-too-few = Një kohortë duhet të ketë të paktën dy pjesëmarrës për të formuar grupe.
groups-size-error = Ju lutemi zgjidhni një madhësi grupi nga 2 deri te numri i pjesëmarrësve.
groups-engine-error = Këto grupe nuk mund të formohen: { $problem }
groups-proposal-title = Grupet e propozuara për { $cohort }
groups-proposal-intro = Ende nuk është ruajtur asgjë. Zhvendosni njerëzit me listën "Zhvendos te grupi" (ose tërhiqini), shënoni "Mbaje këtu" për ata që duhet të qëndrojnë, pastaj ruajini grupet ose propozoni sërish.
groups-balance-perfect = përzier në mënyrë të përsosur
groups-balance-off = shmanget më së shumti { $off } nga një përzierje e barabartë
groups-match-perfect = çdo grup ka një vlerë të përbashkët
groups-match-off = { $count ->
    [one] një person ndryshon nga grupi i vet
   *[other] { $count } persona ndryshojnë nga grupi i tyre
}
groups-broken = Jo të gjitha dëshirat mund të respektoheshin:
groups-default-name = Grupi { $number }
groups-name-label = Emri i grupit
groups-move-to = Zhvendos te grupi
groups-move-named = Zhvendos te grupi: { $name }
groups-lock = Mbaje këtu
groups-save = Ruaj këto grupe
groups-propose-again = Propozo sërish
groups-propose-again-hint = Kur propozoni sërish, personat e shënuar me "Mbaje këtu" mbeten aty ku janë, ndërsa të gjithë të tjerët rirenditen.
groups-save-missing = Secili duhet të ketë një grup. Të pavendosur: { $names }.
groups-save-alone = Një grup nuk mund të ketë vetëm një person. Zhvendosni dikë që t'i bashkohet.

## Aktivitetet
flash-event-scheduled = Aktiviteti u planifikua. Pjesëmarrësit e shohin në ballinën e tyre.
flash-rules-saved = Rregullat bazë u ruajtën. Të gjithëve do t'u kërkohet t'i pranojnë sërish.
events-title = Aktivitetet në { $cohort }
events-heading = Aktivitetet
events-manage = Planifiko aktivitete
events-scheduled = Aktivitetet e planifikuara
events-none = Ende nuk ka aktivitete.
events-schedule = Planifiko një aktivitet
events-field-title = Titulli
events-field-date = Data
events-field-time = Ora
events-field-sheet = Plani i aktivitetit
events-step-count = { $count ->
    [one] një hap
   *[other] { $count } hapa
}
events-minutes = { $count ->
    [one] një minutë
   *[other] { $count } minuta
}
events-schedule-submit = Planifiko
events-field-audience = Për kë është
events-audience-cohort = I gjithë grupi i kursit
events-audience-group = Vetëm grupi i bashkëmoshatarëve { $group }
events-for-group = për grupin e bashkëmoshatarëve { $group }
events-hosts = Bashkëlehtësuesit
events-hosts-hint = Njerëz që e drejtojnë këtë ngjarje me ju, për shembull një bashkëmoshatar me përvojë të jetuar. Ata mund ta drejtojnë këtë ngjarje dhe asnjë tjetër.
events-hosts-none = Askush tjetër nuk mund të bashkëlehtësojë ende: mund ta bëjnë lehtësuesit ose punonjësit bashkëmoshatarë në këtë vend.
events-error-audience = Ju lutemi zgjidhni të gjithë grupin e kursit ose një nga grupet e tij nga lista.
events-error-hosts = Ju lutemi zgjidhni bashkëlehtësuesit nga lista.
events-error-when = Ju lutemi shkruani datën dhe orën, për shembull 2026-12-01 dhe 18:00.
events-error-rules = Ju lutemi shkruani rregullat bazë, një për rresht (më së shumti 4000 karaktere).
events-rules = Rregullat bazë
events-rules-hint = Një rregull për rresht. Nëse i ndryshoni, të gjithëve do t'u kërkohet t'i pranojnë sërish para se të hyjnë herën tjetër.
events-rules-default = Këto janë rregullat që sugjeron Hearth; ruajini që t'i bëni tuajat.
events-rules-field = Rregullat
events-rules-save = Ruaj rregullat bazë
events-rules-before = Para se të hyni për herë të parë, ju lutemi lexoni rregullat bazë që kemi të përbashkëta.
events-rules-accept = I pranoj rregullat bazë
events-your-group = grupi juaj: { $group }
events-open-console = Hap panelin e lehtësuesit
events-join = Hyr në dhomën e drejtpërdrejtë
events-run-sheet = Plani i aktivitetit
events-upcoming = Në vijim
ground-rule-confidential = Çfarë ndahet në grup mbetet në grup.
ground-rule-one-voice = Flet një person në një kohë: ngrini dorën për të folur.
ground-rule-choose = Ndani vetëm atë që zgjidhni ta ndani.
ground-rule-kind = Dëgjoni me empati; mos jepni këshilla nëse nuk ju kërkohen.
step-kind-welcome = Mirëseardhja
step-kind-modelling = Modelimi (video nga bashkëmoshatarët)
step-kind-reflection = Reflektimi
step-kind-dialogue = Dialog në grupe bashkëmoshatarësh
step-kind-debrief = Përmbledhja
step-kind-integration = Integrimi
step-kind-invitations = Ftesa për shërbimet mbështetëse
step-kind-community-action = Veprim në komunitet
step-kind-poll = Sondazh ose kuiz
step-kind-break = Pushim
step-kind-icebreaker = Thyerja e akullit: Ky jam unë
step-kind-group-matters = Çështje të grupit
step-kind-world-cafe = World Café
step-kind-agree-next-date = Caktimi i datës së radhës
step-kind-guest-speaker = Folës/e i/e ftuar
step-kind-free-item = Pikë e lirë
error-runsheet-empty = Plani i aktivitetit duhet të ketë të paktën një hap.
error-step-title = Çdo hap duhet të ketë një titull.
error-step-minutes = Çdo hap duhet të zgjasë nga 1 minutë deri në 24 orë.
error-step-speakers = Përmbledhja duhet të ketë të paktën një folës.

## Dhoma e drejtpërdrejtë
live-console = Paneli i lehtësuesit
live-needs-script = Dhoma e drejtpërdrejtë ka nevojë për JavaScript. Ju lutemi aktivizojeni, ose përdorni shfletuesin e zakonshëm të telefonit.
live-connecting = Po lidhet…
live-reconnecting = Lidhja u ndërpre. Po rilidhet…
live-connected = U lidh.
live-not-started = Aktiviteti ende nuk ka filluar. Qëndroni në këtë faqe: do të fillojë këtu.
live-ended = Aktiviteti përfundoi. Faleminderit për pjesëmarrjen.
live-paused = Në pauzë
live-time-left = Koha e mbetur:
live-one-minute = Ka mbetur një minutë për këtë hap.
live-time-up = Koha mbaroi: lehtësuesi do të vazhdojë kur të jeni gati.
live-step-of = Hapi { $step } prej { $steps }
live-start = Fillo aktivitetin
live-next = Hapi tjetër
live-previous = Hapi i mëparshëm
live-pause = Ndalo kohëmatësin
live-resume = Vazhdo kohëmatësin
live-more-time = Edhe një minutë
live-less-time = Një minutë më pak
live-end = Përfundo aktivitetin
live-end-confirm = Dëshironi ta përfundoni aktivitetin për të gjithë?
live-broadcast = Mesazh për të gjitha grupet
live-broadcast-send = Dërgo te të gjithë
live-raise-hand = Ngre dorën
live-lower-hand = Ul dorën
live-hands = Duart e ngritura
live-hands-none = Nuk ka duar të ngritura.
live-need-support = Kam nevojë për mbështetje
live-support-sent = Lehtësuesit u njoftuan, privatisht. Dikush do t'ju kontaktojë. Mund t'u drejtoheni edhe këtyre shërbimeve tani:
live-support-alert = kërkoi mbështetje.
live-chat = Biseda
live-chat-send = Dërgo
live-chat-group = Grupi juaj
live-chat-everyone = Të gjithë
live-reflection = Reflektimi juaj privat
live-reflection-saved = U ruajt. Vetëm ju mund ta lexoni.
live-reflection-saving = Po ruhet…
live-excerpt-open = Ndani disa rreshta me grupin tuaj
live-excerpt-hint = Reflektimi juaj mbetet i juaji. Ndahet vetëm ajo që shkruani këtu, dhe vetëm me grupin tuaj, në dhomën e grupit.
live-excerpt-label = Çfarë të ndani
live-excerpt-share = Ndaje me grupin tim
live-excerpt-shared = U nda me grupin tuaj.
live-excerpt-from = ndarë nga reflektimi
live-groups = Grupet
live-visit = Vizito këtë grup
live-leave-visit = Kthehu te grupi i madh
live-visiting = ju jeni këtu
live-facilitator-joined = u bashkua me grupin tuaj.
live-alerts = Kërkesat për mbështetje
live-alerts-none = Nuk ka kërkesa për mbështetje.
live-reactions = Reagimet
live-no-group = Ende nuk jeni në një grup bashkëmoshatarësh: lehtësuesi do t'ju vendosë në një grup.
live-prompts = Pyetje nxitëse
live-message-from = Nga { $name }:
live-lower-for = Ulja dorën
live-video = Shiko videon e bashkëmoshatarëve
live-services = Shërbimet mbështetëse
live-refused-unreadable = Ky mesazh nuk mund të lexohej.
live-refused-not-allowed = Këtë mund ta bëjnë vetëm lehtësuesit e aktivitetit.
live-refused-failed = Kjo nuk mund të ruhej. Ju lutemi provoni sërish.
live-refused-ended = Aktiviteti ka përfunduar.
live-refused-started = Aktiviteti ka filluar tashmë.
live-refused-not-started = Aktiviteti ende nuk ka filluar.
live-refused-last-step = Ky është hapi i fundit.
live-refused-first-step = Ky është hapi i parë.
live-refused-not-running = Kohëmatësi nuk po ecën.
live-refused-not-paused = Kohëmatësi nuk është në pauzë.
live-refused-adjust = Kohëmatësi mund të ndryshohet deri në tri orë njëherësh.
live-refused-hand-up = Dora juaj është tashmë e ngritur.
live-refused-hand-down = Kjo dorë nuk është e ngritur.
live-refused-empty = Ju lutemi shkruani diçka fillimisht.
live-refused-long = Ky mesazh është shumë i gjatë (më së shumti 2000 karaktere).
live-refused-reaction = Ky reagim nuk është ndër reagimet e kësaj dhome.
live-refused-no-group = Ende nuk jeni në një grup bashkëmoshatarësh.
flash-feedback-thanks = Faleminderit për mendimin tuaj.
events-feedback-title = Mendimet e pjesëmarrësve
events-feedback-summary = { $count } përgjigje, mesatarisht { $average } nga 5. Përgjigjet shfaqen pa emra.
events-feedback-none = Ende nuk ka mendime.
events-feedback-error = Ju lutemi zgjidhni si ishte, nga 1 deri në 5; çdo përgjigje mund të ketë deri në 2000 karaktere.
live-refused-not-debrief = Folësit zgjidhen gjatë hapit të përmbledhjes.
live-refused-speakers = Ju lutemi zgjidhni njerëz të ndryshëm, jo më shumë se dhjetë.
live-speakers = Folësit e përmbledhjes
live-speakers-propose = Propozo folësit
live-speakers-announce = Njofto folësit
live-speakers-chosen = Ndajnë mendimet e para:
live-speaker-n = Folësi { $step }
live-volunteer = doli vullnetar
live-spoken = ka folur më parë
live-feedback = Para se të largoheni: si ishte?
live-feedback-rating = Si ishte? (1 = jo mirë, 5 = shumë mirë)
live-feedback-helped = Çfarë ju ndihmoi?
live-feedback-change = Çfarë duhet të ndryshojmë?
live-feedback-send = Dërgo mendimin tim
live-feedback-thanks = Faleminderit për mendimin tuaj.
live-video-call = Bashkohuni në thirrjen me video të grupit tuaj
live-here-now = Këtu tani
live-nobody-here = askush ende
live-guest = i bashkohet grupit tuaj për këtë ngjarje
live-from-another-group = nga një grup tjetër, për këtë ngjarje
live-seated = Për këtë pjesë jeni me grupin { $name }.
live-seated-home = Jeni përsëri me grupin tuaj, { $name }.
live-no-group-place = Këtu, ende jo në një grup
live-move = Zhvendosni dikë në një grup tjetër
live-move-who = Kush
live-move-to = Te grupi
live-move-send = Zhvendos
live-text-only = Ky server nuk ka shërbim video: grupi juaj bisedon këtu, me shkrim.
flash-feed-ready = Burimi juaj i kalendarit është gati.
profile-calendar-title = Kalendari im
profile-calendar-intro = Një adresë private ku mund të regjistrohet aplikacioni juaj i kalendarit: aktivitetet tuaja shfaqen atje dhe përditësohen vetë.
profile-calendar-address = Adresa juaj private e kalendarit
profile-calendar-once = Kopjojeni tani: për privatësinë tuaj shfaqet vetëm një herë. Një adresë e re e ndal të vjetrën.
profile-calendar-make = Krijo burimin tim të kalendarit
profile-calendar-renew = Krijo një adresë të re (e vjetra ndalon së punuari)
events-add-to-calendar = Shto në kalendarin tim
flash-introduction-saved = Prezantimi juaj u ruajt. Grupi juaj do ta shohë.
group-home-title = Grupi juaj i bashkëmoshatarëve
group-home-open = Faqja e grupit tuaj: prezantimet dhe përgatitja
group-home-none = Ende nuk jeni në një grup bashkëmoshatarësh. Lehtësuesi do t'ju caktojë së shpejti.
group-home-intro = Kjo është shtëpia e grupit tuaj midis aktiviteteve. Tregoni kush jeni dhe lexoni për të tjerët.
group-home-prepare = Para aktivitetit të ardhshëm
group-home-no-video = Lehtësuesi do ta ndajë videon e bashkëmoshatarëve gjatë aktivitetit.
group-home-who = Kush jemi ne
group-home-you = ju
group-home-not-yet = Ende nuk ka shkruar prezantim.
group-home-yours = Prezantimi juaj
group-home-field = Kush jam unë
group-home-hint = Disa rreshta: çfarë ju sjell këtu, çfarë shpresoni. Vetëm grupi juaj dhe lehtësuesit e lexojnë.
group-home-error = Ju lutemi shkruani prezantimin tuaj (jo më shumë se 2000 karaktere).
group-home-other-groups = Grupet e tjera
flash-runsheet-copied = U kopjua. Ndryshoni hapat, pastaj ruajeni.
nav-run-sheets = Planet e aktiviteteve
events-edit-sheets = Kopjo dhe ndrysho planet e aktiviteteve
runsheets-title = Planet e aktiviteteve
runsheets-intro = Plani i aktivitetit është renditja e hapave të një aktiviteti. Kopjoni një nga planet e gatshme, pastaj ndryshoni, shtoni, hiqni dhe rirenditni hapat. Aktivitetet mbajnë kopjen e tyre: ndryshimi i një plani nuk ndryshon kurrë një aktivitet të planifikuar tashmë.
runsheets-yours = Planet e organizatës suaj
runsheets-none = Ende asnjë: kopjoni një plan të gatshëm më poshtë.
runsheets-built-in = Të gatshme
runsheets-copy-named = Kopjo { $name }
runsheets-copy-name = { $name } (kopje)
runsheets-unsaved = Ende i paruajtur: shtypni Ruaj kur hapat të jenë në rregull.
runsheets-step-n = Hapi { $step }
runsheets-kind = Lloji i hapit
runsheets-instructions = Udhëzimet
runsheets-minutes = Minutat e planifikuara
runsheets-prompts = Pyetjet nxitëse, një për rresht
runsheets-speakers = Folësit e përmbledhjes (vetëm për hapat e përmbledhjes)
runsheets-video = Lidhja e videos së bashkëmoshatarëve (hapat e modelimit)
runsheets-up = Lëviz lart
runsheets-down = Lëviz poshtë
runsheets-remove = Hiqe këtë hap
runsheets-add = Shto një hap
runsheets-new-step = Hap i ri
error-step-options = Një sondazh ka nevojë për të paktën dy zgjedhje.
live-refused-not-poll = Në këtë hap nuk ka sondazh.
live-refused-option = Kjo nuk është një nga zgjedhjet e sondazhit.
live-refused-voted = Ju keni votuar tashmë në këtë sondazh.
live-refused-group = Ai grup nuk është pjesë e kësaj ngjarjeje.
live-refused-person = Ky person nuk është në grupet e kësaj ngjarjeje.
live-refused-same-group = Ata janë tashmë me atë grup.
live-poll-vote = Voto
live-poll-voted = Faleminderit: vota juaj u numërua.
runsheets-options = Zgjedhjet e sondazhit, një për rresht (hapat e sondazhit)
live-react-applause = Duartrokitje
live-react-love = Dashuri
live-react-thanks = Faleminderit
live-react-smile = Buzëqeshje
live-react-idea = Ide e mirë
flash-video-added = Video është në bibliotekë.
nav-videos = Videot e bashkëmoshatarëve
videos-title = Videot e bashkëmoshatarëve
videos-intro = Video ku bashkëmoshatarët tregojnë ndarje të vetëdijshme, dëgjim empatik dhe vetëdije, për hapin e modelimit të një aktiviteti dhe për përgatitje. Zgjidhni një për një hap në planin e aktivitetit.
videos-none = Ende nuk ka video.
videos-address = Adresa për planin e aktivitetit:
videos-upload = Ngarko një skedar video
videos-file = Skedari video (jo më shumë se 200 MB)
videos-upload-submit = Ngarko
videos-link = Shto një lidhje për një video
videos-url = Lidhja
videos-link-submit = Shto lidhjen
videos-models = Çfarë tregon
videos-error-file = Ju lutemi zgjidhni një skedar video (jo më shumë se 200 MB).
videos-error-link = Ju lutemi jepni një adresë interneti që fillon me https://
video-tag-mindful-sharing = Ndarje e vetëdijshme
video-tag-empathic-listening = Dëgjim empatik
video-tag-self-awareness = Vetëdija

## Training
nav-curricula = Kurrikulat
curricula-title = Kurrikulat
curricula-intro = Kurrikula është kursi që ndjek një grup trajnimi: module, secili me seanca. Lehtësuesit përgatitin çdo seancë nga qëllimet e të nxënit dhe njohuritë e shkurtra; të trajnuarit shohin vetëm atë që është për ta.
curricula-yours = Kurrikulat e organizatës suaj
curricula-none = Ende asnjë. Kopjoni më poshtë kurrikulën e gatshme për të filluar.
curricula-module-count = { $count ->
    [one] një modul
   *[other] { $count } module
}
curricula-built-in = Gati për t'u kopjuar
curricula-copy-named = Bëni një kopje të { $name }
curricula-copy-name = { $name }
curricula-start-new = Ose filloni një të zbrazët
curricula-create = Filloni një kurrikul
curricula-modules = Modulet
curricula-modules-hint = Modulet mund të zhvillohen në çdo renditje, ose më vete; "mbështetet te" është sugjerim, jo rregull.
curricula-no-modules = Ende asnjë modul.
curricula-readiness-tag = Para programit
curricula-builds-on = Mbështetet te: { $module }
curricula-up = Lëvize lart
curricula-down = Lëvize poshtë
curricula-sessions = Seancat
curricula-no-sessions = Ende asnjë seancë.
curricula-new-session = Titulli i një seance të re
curricula-add-session = Shtoni seancën
curricula-new-module = Titulli i një moduli të ri
curricula-add-module = Shtoni modulin
curricula-about = Rreth kësaj kurrikule
curricula-stocktake = Pyetjet e vetëvlerësimit personal
curricula-stocktake-hint = Një pyetje për rresht. Çdo i trajnuar u përgjigjet privatisht para programit.
curricula-edit-module = Ndryshoni modulin
curricula-purpose = Për çfarë shërben moduli
curricula-builds-on-field = Mbështetet te
curricula-builds-on-hint = Pas cilit modul vjen ky, nëse ka.
curricula-builds-on-none = Asnjë: qëndron më vete
curricula-edit-session = Ndryshoni seancën
curricula-facilitator-view = Kjo është pamja e lehtësuesit. Të trajnuarit shohin qëllimet e të nxënit, aktivitetet dhe fletën për pjesëmarrësit, kurrë njohuritë e shkurtra.
curricula-learning-intentions = Qëllimet e të nxënit
curricula-activities = Aktivitetet
curricula-mini-knowledge = Njohuri të shkurtra
curricula-mini-knowledge-hint = Njohuri mbështetëse për lehtësuesit, të lidhura me qëllimet e të nxënit. Nuk u shfaqen kurrë të trajnuarve.
curricula-handout = Fleta për pjesëmarrësit
curricula-handout-hint = Çfarë marrin të trajnuarit për këtë seancë.
markdown-hint = Mund të përdorni Markdown: **të theksuara**, *të pjerrëta*, lista që fillojnë me "-", dhe lidhje.
flash-curriculum-created = Kurrikula është gati për modulin e saj të parë.
flash-curriculum-copied = Kopja juaj është gati. Ndryshoni çfarë të doni: kurrikula e gatshme mbetet siç ishte.
flash-module-added = Moduli u shtua. Tregoni për çfarë shërben.
flash-session-added = Seanca u shtua. Shkruani qëllimet e të nxënit dhe njohuritë e shkurtra.
flash-moved = U lëviz.
error-too-many-questions = Ju lutemi mbani jo më shumë se 20 pyetje.
training-title = Trajnimi · { $cohort }
training-open = Trajnimi
training-curriculum = Kurrikula
training-no-curriculum = Ky grup nuk ndjek ende një kurrikul. Zgjidhni një për ta bërë grup trajnimi.
training-curriculum-hint = Çdo grup zgjedh kurrikulën e vet, që një program të mbajë krah për krah grupe dialogu dhe grupe trajnimi.
training-no-curricula = Ende nuk ka kurrikula. Kopjoni fillimisht kurrikulën e gatshme.
training-choose-curriculum = Kurrikula që ndjek ky grup
training-use-curriculum = Përdorni këtë kurrikul
flash-curriculum-chosen = Grupi tani ndjek këtë kurrikul.
readiness-heading = Gatishmëria para programit
readiness-privacy-staff = Vetëvlerësimi dhe historia e rimëkëmbjes së një të trajnuari janë private. Ju shihni nëse secila është bërë, dhe i lexoni vetëm nëse i trajnuari i ndan me ju.
readiness-done = E bërë
readiness-started = E filluar
readiness-not-done = Ende jo
readiness-shared = E ndarë me lehtësuesit
readiness-private = Private, vetëm për ju
readiness-share = Ndajeni me lehtësuesit e mi
readiness-stop-sharing = Ndalni ndarjen
readiness-conversation = Biseda e gatishmërisë
readiness-conversations = Bisedat e gatishmërisë
readiness-no-conversation = Ende asnjë bisedë
readiness-not-shared = E pandarë. Mbetet private për të trajnuarin.
readiness-record = Regjistroni një bisedë
readiness-held-on = Data e bisedës
readiness-outcome = Çfarë ranë dakord
readiness-outcome-ready = Gati për të filluar
readiness-outcome-not-yet = Ende jo
readiness-outcome-other-support = Për tani, një mbështetje tjetër do të ndihmonte më shumë
readiness-note = Shënim privat
readiness-note-hint = Vetëm për lehtësuesit e grupit; i trajnuari nuk e sheh.
readiness-record-submit = Regjistroni bisedën
flash-conversation-recorded = Biseda u regjistrua.
readiness-your-heading = Para se të fillojmë
readiness-your-intro = Bëni vetëvlerësimin tuaj personal dhe filloni të shkruani historinë tuaj të rimëkëmbjes në shtëpi. Të dyja janë vetëm tuajat, përveç nëse zgjidhni t'i ndani. Pastaj do të flisni me një lehtësues.
readiness-your-outcome = Biseda juaj e gatishmërisë më { $date }: { $outcome }.
readiness-not-yet-words = Nuk ka gjë: merrni kohën që ju duhet. Mund të flisni përsëri kurdo që të ndiheni gati.
readiness-other-support-words = Për tani, një mbështetje tjetër mund t'ju ndihmojë më shumë. Këto shërbime janë këtu për ju:
readiness-conversation-to-come = Një lehtësues do të flasë me ju pasi të keni pasur kohë për vetëvlerësimin dhe historinë tuaj.
readiness-modules-wait = Modulet hapen pas një bisede gatishmërie që thotë se jeni gati të filloni.
flash-modules-after-readiness = Kjo seancë hapet pas bisedës suaj të gatishmërisë.
stocktake-title = Vetëvlerësimi personal
stocktake-intro = Merrni një moment të qetë dhe përgjigjuni çdo pyetjeje sinqerisht, fillimisht për veten. Nuk ka përgjigje të sakta. Mund të ktheheni dhe t'i ndryshoni.
stocktake-private-note = Vetëm ju mund t'i lexoni përgjigjet tuaja. Lehtësuesit shohin vetëm nëse u jeni përgjigjur të gjithave.
stocktake-shared-note = I keni ndarë përgjigjet me lehtësuesit e grupit tuaj. Mund ta ndalni ndarjen në çdo kohë.
stocktake-no-questions = Kjo kurrikul nuk ka pyetje vetëvlerësimi.
flash-stocktake-saved = Vetëvlerësimi juaj u ruajt.
story-title = Historia e rimëkëmbjes
story-intro = Shkruani se ku keni qenë, çfarë ju ndihmoi dhe çfarë mbani me vete tani. Ruhet ndërsa shkruani, dhe versionet e mëparshme mbahen.
story-private-note = Vetëm ju mund ta lexoni historinë tuaj, përveç nëse zgjidhni ta ndani me lehtësuesit e grupit tuaj.
story-shared-note = E keni ndarë historinë me lehtësuesit e grupit tuaj. Ata shohin versionin më të ri. Mund ta ndalni ndarjen në çdo kohë.
story-label = Historia juaj
story-hint = Shkruani sa më shumë ose sa më pak të doni.
story-saving = Po ruhet…
story-saved-now = U ruajt.
story-save-failed = Ende e paruajtur. Përdorni butonin Ruaj për të mbajtur atë që shkruat.
story-last-saved = Ruajtur për herë të fundit { $time }
story-share = Ndajeni historinë time me lehtësuesit e mi
story-earlier = Versionet e mëparshme
flash-story-saved = Historia juaj u ruajt.
flash-shared = U nda me lehtësuesit e grupit tuaj.
flash-unshared = Është përsëri private për ju.
chime-title = Vetëreflektimi CHIME
chime-intro = Pesë tema që kanë rëndësi në rimëkëmbjen personale. Vendosni veten në secilën, nga 1 (aspak) në 5 (shumë). Bëjeni në fillim, në fund të çdo moduli dhe kurdo që të doni, dhe shihni si ndryshon.
chime-privacy = Përgjigjet dhe shënimet tuaja janë tuajat. Programi sheh vetëm mesataret e grupit, dhe vetëm pasi të paktën pesë veta të jenë përgjigjur.
chime-home = Vini re si jeni në pesë temat e rimëkëmbjes dhe shihni si ndryshon me kohën.
chime-open = Reflektoni mbi CHIME
chime-history = Si ka ndryshuar
chime-chart-caption = Reflektimet tuaja CHIME me kalimin e kohës, nga 1 (poshtë) në 5 (lart). Tabela më poshtë ka të njëjtat numra.
chime-table-caption = Reflektimet tuaja
chime-when = Kur
chime-note = Shënim
chime-new = Një reflektim i ri
chime-connectedness = Lidhja me të tjerët
chime-hope = Shpresa
chime-identity = Identiteti
chime-meaning = Kuptimi
chime-empowerment = Fuqizimi
chime-connectedness-hint = Të ndiheni të lidhur me njerëzit e tjerë dhe të mbështetur.
chime-hope-hint = Shpresë dhe optimizëm për të ardhmen.
chime-identity-hint = Një ndjenjë pozitive se kush jeni, përtej çdo vështirësie.
chime-meaning-hint = Kuptim dhe qëllim në jetën tuaj.
chime-empowerment-hint = Të ndiheni në krye të jetës dhe zgjedhjeve tuaja.
chime-scale-hint = 1 do të thotë aspak, 5 do të thotë shumë.
chime-note-field = Një shënim privat (nëse doni)
chime-note-hint = Vetëm ju do ta lexoni.
chime-cohort-heading = CHIME: grupi në tërësi
chime-cohort-based-on = { $count ->
    [one] Nga reflektimi i fundit i një personi.
   *[other] Mesatarja e reflektimit të fundit të secilit ({ $count } veta).
}
chime-cohort-too-few = Mesataret shfaqen pasi të paktën { $minimum } veta të jenë përgjigjur ({ $count } deri tani), që askush të mos njihet nga përgjigjet.
flash-chime-saved = Reflektimi juaj u ruajt.
error-chime-scale = Ju lutemi zgjidhni një numër nga 1 në 5.
audit-subject-readiness-writing = një vetëvlerësim ose histori rimëkëmbjeje që ndanë
materials-heading = Materialet
materials-hint = Lidhje dhe skedarë për këtë seancë. Të trajnuarit i shohin bashkë me fletën për pjesëmarrësit.
materials-none = Ende asnjë material.
materials-add-link = Shtoni një lidhje
materials-add-link-submit = Shtoni lidhjen
materials-upload = Ngarkoni një skedar
materials-file = Skedari (jo më shumë se 20 MB)
materials-upload-submit = Ngarkoni
flash-material-added = Materiali u shtua.
flash-material-removed = Materiali u hoq.
error-material-link = Ju lutemi jepni një adresë interneti që fillon me https://
error-material-file = Ju lutemi zgjidhni një skedar jo më shumë se 20 MB.
materials-confirm-remove = Të hiqet ky material?
delivery-heading = Seancat me grupin
delivery-none = Ende asnjë seancë e planifikuar.
delivery-schedule = Planifikoni një seancë
delivery-session = Seanca
delivery-date = Data
delivery-time = Fillon në
delivery-place = Salla ose vendi
delivery-place-hint = Për një seancë në sallë, për shembull: Qendra e Studentëve, salla 2. Në internet mund ta lini bosh.
delivery-schedule-submit = Planifikoni seancën
flash-session-scheduled = Seanca u planifikua.
attendance-title = Pjesëmarrja
attendance-take = Merrni pjesëmarrjen
attendance-marked = { $count ->
    [one] një person i shënuar
   *[other] { $count } veta të shënuar
}
attendance-hint = Shënoni çdo të trajnuar kur mbërrin; mund të ktheheni ta korrigjoni. Të trajnuarit, biseda e gatishmërisë e të cilëve nuk ka thënë ende gati, nuk renditen për modulet.
attendance-nobody = Ende asnjë i trajnuar nuk është regjistruar për këtë seancë.
attendance-present = I pranishëm
attendance-late = Me vonesë
attendance-absent = Mungon
attendance-reason = Arsyeja, nëse mungon (opsionale)
flash-attendance-saved = Pjesëmarrja u ruajt.
error-time-invalid = Ju lutemi shkruani orën si orë:minuta, për shembull 18:30.
delivery-coming-up = Së shpejti
curricula-attendance-percent = Pjesëmarrja e nevojshme për të përfunduar një modul (%)
curricula-attendance-percent-hint = Pjesa e seancave të një moduli që një i trajnuar ndjek para se një lehtësues ta konfirmojë modulin.
error-percent = Ju lutemi shkruani një numër të plotë nga 0 në 100.
progress-title = Ecuria
progress-hint = Një modul përfundon kur një i trajnuar ka ndjekur { $percent }% të seancave dhe një lehtësues e konfirmon.
progress-grid-caption = Seancat e ndjekura, për çdo të trajnuar
progress-trainee = I trajnuari
progress-attended = ndjekur
progress-not-attended = pa ndjekur
progress-modules = Modulet
progress-attended-of = ndoqi { $attended } nga { $total } seanca
progress-completed = E përfunduar
progress-sign-off = Konfirmoni si të përfunduar
progress-below-threshold = ende jo mjaft seanca
progress-error-threshold = Ky i trajnuar nuk ka ndjekur ende mjaft seanca të modulit për ta konfirmuar.
flash-signed-off = Moduli u konfirmua si i përfunduar.
certificate-title = Certifikatë përfundimi
certificate-this-is-to-say = Vërtetohet se
certificate-completed = ka përfunduar
certificate-print = Përdorni Printimin e shfletuesit për një kopje në letër ose PDF.
certificate-open = Certifikata juaj
cofac-with = E lehtësuar nga
cofac-warning = Askush që lehtëson këtë seancë nuk ka thënë se sjell përvojë të jetuar. Qasja e bashkëmoshatarëve funksionon më mirë kur bashkëlehtëson dikush me përvojë të jetuar.
cofac-legend = Kush bashkëlehtëson
cofac-lived-tag = Sjell përvojë të jetuar
cofac-lived-hint = Trajnimi me qasje të bashkëmoshatarëve bashkëlehtësohet nga dikush me përvojë të jetuar. Thuajeni këtu nëse jeni ju; u shfaqet atyre që planifikojnë seancat.
cofac-lived-say = Unë sjell përvojë të jetuar
cofac-lived-stop = Hiqeni këtë
feedback-question = Si ishte "{ $session }"?
feedback-anonymous = Përgjigjja juaj është anonime: lehtësuesit shohin vetëm sa veta dhanë secilën notë, pasi të paktën pesë të jenë përgjigjur.
feedback-scale = 1 do të thotë jo e dobishme, 5 do të thotë shumë e dobishme.
feedback-send = Dërgoni mendimin tim
flash-session-feedback-thanks = Faleminderit për mendimin tuaj.
feedback-counts = Mendimet (nota: përgjigje):
feedback-too-few = Mendimet shfaqen nga { $minimum } përgjigje ({ $count } deri tani).
