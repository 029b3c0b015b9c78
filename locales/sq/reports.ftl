# Raportet, regjistrimi i aktiviteteve dhe historitë e komunitetit (çështja 9).

nav-reports = Raportet
nav-stories = Historitë

## Llojet e aktiviteteve
activity-kind-coaching = Coaching
activity-kind-supervision = Supervizion (menaxhim rastesh)
activity-kind-group-development = Zhvillimi i grupeve të mbështetjes mes bashkëmoshatarëve
activity-kind-observation = Vëzhgim dhe prioritizim
activity-kind-training-session = Trajnim
activity-kind-dialogue-event = Ngjarje dialogu
activity-kind-group-meeting = Takim grupi
activity-kind-one-to-one = Një me një

## Faqja e raporteve
reports-title = Raportet
reports-intro = Kush mori pjesë, në çfarë, ku dhe kur. Gjithçka këtu është numër: pa emra, dhe asgjë nga ajo që ka shkruar dikush.
reports-filters = Zgjidhni çfarë të numërohet
reports-programme = Programi
reports-phase = Faza
reports-site = Vendi
reports-site-kind = Lloji i vendit
reports-kind = Lloji i aktivitetit
reports-from = Nga
reports-to = Deri (përfshirë)
reports-all = Të gjitha
reports-show = Shfaq shifrat
reports-clear = Pastro zgjedhjet
reports-totals = Me një shikim
reports-people = Persona të ndryshëm
reports-attendances = Pjesëmarrje
reports-activities = Aktivitete
reports-events-held = Ngjarje të mbajtura
reports-people-hint = "Persona të ndryshëm" e numëron secilin një herë, sado shpesh të ketë ardhur; "pjesëmarrje" numëron çdo herë që erdhi dikush, përfshirë numrat e regjistruar pa emra. Numrat e vegjël për mbështetjen ose mirëqenien shfaqen si "më pak se 5", që askush të mos dallohet.
reports-fewer-than-5 = më pak se 5
reports-by-kind = Lloji i aktivitetit
reports-by-site = Vendi
reports-by-month = Muaji
reports-total = Gjithsej
reports-no-site = Pa vend
reports-chart-kind = Pjesëmarrjet sipas llojit të aktivitetit
reports-chart-site = Pjesëmarrjet sipas vendit
reports-chart-month = Personat dhe pjesëmarrjet muaj pas muaji
reports-line-legend = vija e plotë: persona të ndryshëm; vija me ndërprerje: pjesëmarrje
reports-table-caption = Numrat e grafikut
reports-download-csv = Shkarko këta numra (CSV)
reports-breakdown = Sipas llojit, vendit dhe muajit
reports-breakdown-caption = Persona të ndryshëm dhe pjesëmarrje sipas llojit të aktivitetit, vendit dhe muajit
reports-training = Përfundimi i trajnimit
reports-training-caption = Trajnuesit dhe modulet e përfunduara për çdo grup trajnimi
reports-training-none = Asnjë grup trajnimi nuk përputhet me këto zgjedhje.
reports-cohort = Grupi
reports-modules = Module
reports-trainees = Të trajnuar
reports-completed = Përfunduan çdo modul
reports-modules-signed = Module të nënshkruara
reports-events = Ngjarjet e mbajtura dhe vlerësimet
reports-events-caption = Çdo ngjarje e drejtpërdrejtë ku erdhi dikush, me vlerësimet e dhëna
reports-events-held-count = { $count ->
    [one] një ngjarje
   *[other] { $count } ngjarje
}
reports-date = Data
reports-event = Ngjarja
reports-answers = Përgjigje vlerësimi
reports-average = Vlerësimi mesatar (1–5)
reports-no-answers = ende pa përgjigje
reports-too-few-answers = më pak se 5 përgjigje
reports-feedback-hint = Mesatarja shfaqet nga pesë përgjigje e lart, që vlerësimi i askujt të mos merret me mend.
reports-summary-link = Përmbledhje për shtyp
reports-summary-title = Përmbledhja e programit
reports-summary-events = Ngjarje të mbajtura: { $held }. Vlerësimi mesatar: { $average }.
reports-print-hint = Përdorni Printo të shfletuesit për ta ruajtur këtë faqe si PDF.
reports-dates = Datat

## Regjistrimi i aktiviteteve
reports-record-link = Regjistro një aktivitet
reports-import-link = Importo aktivitete
reports-kinds-link = Llojet e aktiviteteve
reports-record-title = Regjistro një aktivitet
reports-record-intro = Për diçka që ndodhi jashtë Hearth: një seancë coaching, një takim supervizioni, një vizitë në terren. Shënoni me email kush erdhi, ose jepni numrin kur nuk keni emra.
reports-choose = Zgjidhni…
reports-no-phase = Pa fazë
reports-activity-title = Si quhej
reports-activity-title-hint = Sipas dëshirës. Pa të, përdoret lloji i aktivitetit.
reports-attendees = Kush erdhi (adresat email)
reports-attendees-hint = Një për rresht, ose të ndara me presje. Secili duhet të ketë llogari në Hearth.
reports-head-count = Ose: sa veta erdhën
reports-head-count-hint = Vetëm kur nuk keni emra. Numri shtohet te pjesëmarrjet, jo te personat e ndryshëm.
reports-record-save = Regjistro aktivitetin
reports-error-kind = Ky nuk është një lloj aktiviteti që Hearth e njeh. Një administrator mund ta shtojë te Llojet e aktiviteteve.
reports-error-site = Ju lutemi zgjidhni një nga vendet tuaja.
reports-error-unknown-people = Askush në Hearth nuk i ka këto adresa email: { $emails }
reports-error-who-came = Ju lutemi shënoni kush erdhi, ose jepni numrin e pjesëmarrësve.
reports-error-both = Ju lutemi jepni ose emrat ose numrin, jo të dyja.
reports-error-head-count = Ju lutemi jepni një numër të plotë nga 1 deri në 100000.
reports-import-title = Importo aktivitete nga CSV
reports-import-intro = Çdo rresht është një aktivitet: data, lloji dhe vendi, pastaj ose pjesëmarrësit (adresa email të ndara me pikëpresje) ose numri i tyre. Faza dhe titulli janë sipas dëshirës. Asgjë nuk shtohet derisa çdo rresht të jetë në rregull; së pari shihni një paraparje.
reports-import-ready = { $count ->
    [one] Një aktivitet është gati për t'u shtuar.
   *[other] Të gjitha { $count } aktivitetet janë gati për t'u shtuar.
}
reports-import-has-errors = Disa rreshta duhen rregulluar. Asgjë nuk u shtua: rregulloni skedarin dhe kontrollojeni përsëri.
reports-import-confirm = { $count ->
    [one] Shto këtë aktivitet
   *[other] Shto këto { $count } aktivitete
}
reports-import-error-columns = Rreshti i parë duhet të emërojë kolonat, përfshirë date, kind dhe site.
reports-import-error-empty = Skedari nuk ka asnjë aktivitet.
reports-who = Kush erdhi
reports-head-count-of = { $count ->
    [one] numri: një
   *[other] numri: { $count }
}
reports-people-named = { $count ->
    [one] një person i emëruar
   *[other] { $count } persona të emëruar
}
flash-activity-recorded = Aktiviteti u regjistrua dhe numërohet në raporte.
flash-activities-imported = U shtuan të gjitha aktivitetet e skedarit.

## Llojet e aktiviteteve
reports-kinds-title = Llojet e aktiviteteve
reports-kinds-intro = Llojet që numërojnë raportet. Hearth fillon me punën në terren të një programi mbështetjeje mes bashkëmoshatarëve; shtoni tuajat këtu.
reports-kind-key = Emri i shkurtër (për skedarët CSV)
reports-kind-sensitive = Për mbështetjen ose mirëqenien
reports-kind-sensitive-label = Ky lloj ka të bëjë me mbështetjen ose mirëqenien: numrat e vegjël shfaqen si "më pak se 5"
reports-kinds-add = Shto një lloj
reports-kinds-save = Shto llojin
reports-error-kind-taken = Ekziston tashmë një lloj me këtë emër.
reports-yes = Po
reports-no = Jo
flash-kind-added = Lloji u shtua.

## Historitë e komunitetit
stories-title = Historitë e komunitetit
stories-intro = Histori rritjeje nga njerëzit e programeve tona, me fjalët e tyre. Leximi i njërës mund të ndihmojë në një ditë të vështirë.
stories-none = Ende nuk është ndarë asnjë histori.
stories-write-link = Shkruani historinë tuaj
stories-mine = Historitë tuaja
stories-status-waiting = Në pritje të kontrollit
stories-status-approved = E ndarë
stories-status-declined = E pandarë
stories-moderator-note = Shënim nga koordinatori: { $note }
stories-withdraw = Tërhiqe
stories-withdraw-named = Tërhiq "{ $title }"
stories-withdraw-hint = Tërheqja e një historie e fshin menjëherë, kudo, bashkë me lidhjen e ndarjes.
stories-share-link = Lidhja për ndarje
stories-share-hint = Kushdo me këtë lidhje mund ta lexojë historinë, që ta ndani në rrjetet sociale.
stories-by = nga { $name }
stories-new-title = Shkruani historinë tuaj
stories-new-intro = Një histori e shkurtër se si u rritët: çfarë ishte e vështirë, çfarë ndihmoi, ku jeni tani. Një koordinator e lexon para të tjerëve.
stories-field-title = Titulli
stories-field-body = Historia juaj
stories-body-hint = Ju lutemi mos përfshini hollësi se si dikush e lëndoi veten, as emrat e njerëzve të tjerë.
stories-consent = Pranoj ta ndaj këtë histori si e zgjodha më lart, pasi të jetë kontrolluar. Mund ta tërheq në çdo kohë.
stories-submit = Dërgoje për kontroll
stories-error-title = Ju lutemi vendosni një titull (deri në 120 shkronja).
stories-error-body = Ju lutemi shkruani historinë tuaj (deri në 5000 shkronja).
stories-error-consent = Ju lutemi shënoni kutinë për të thënë që pranoni ta ndani. Mund ta tërhiqni në çdo kohë.
stories-moderate-link = Historitë për kontroll
stories-moderate-title = Historitë për kontroll
stories-moderate-intro = Askush tjetër nuk e lexon një histori derisa ta miratoni. Lexojeni me kujdes; nëse diçka duhet ndryshuar, kërkoni ndryshime me një shënim të butë, dhe shkruesi mund ta ndryshojë e ta dërgojë përsëri.
stories-moderate-none = Asnjë histori nuk është në pritje.
stories-note = Shënim për shkruesin
stories-note-hint = Fjalë të buta: çfarë është e mirë, dhe çfarë të ndryshojë nëse e dërgon përsëri.
stories-approve = Mirato dhe ndaje
stories-decline = Refuzo
flash-story-sent = Faleminderit. Historia juaj pret kontrollin; këtu do të shihni kur të ndahet.
flash-story-withdrawn = Historia juaj u tërhoq. Është zhdukur kudo.
flash-story-approved = Historia u nda me njerëzit që zgjodhi shkruesi.
flash-story-declined = Historia u refuzua; shkruesi e sheh shënimin tuaj.
stories-help-heading = Nëse keni nevojë për ndihmë tani
stories-public-intro = Një histori nga { $organisation }.
stories-read-more = Lexo historinë
