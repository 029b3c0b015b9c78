# Mbështetja e vazhdueshme një-me-një: zhvendosja dhe anulimi i seancave,
# dhe studenti që tërheq kërkesën ose i jep fund mbështetjes.

## Zhvendosja e një seance
ongoing-move = Zhvendos
ongoing-move-hint = Të dy e merrni orën e re me email, me një skedar kalendari që përditëson shënimin e vjetër.
ongoing-move-send = Zhvendose seancën
ongoing-moved-subject = Seanca { $n } nga { $m } u zhvendos në { $when }
ongoing-moved-body = { $name } e zhvendosi seancën. Skedari i kalendarit në këtë email përditëson kalendarin tuaj.
flash-ongoing-moved = Seanca u zhvendos. Të dy e keni orën e re.
ongoing-error-past = Ju lutemi zgjidhni një kohë që ende nuk ka ardhur.
ongoing-error-held = Kjo seancë ka filluar tashmë, ndaj mbetet siç ishte.

## Anulimi i një seance
ongoing-cancel = Anulo
ongoing-field-why = Arsyeja (nuk është e detyrueshme)
ongoing-field-why-hint = Disa fjalë që do t'i lexojë personi tjetër, nëse dëshironi.
ongoing-cancel-send = Anuloje këtë seancë
ongoing-cancelled-subject = Seanca { $n } nga { $m } më { $when } u anulua
ongoing-cancelled-body = { $name } e anuloi seancën. Vendi i saj llogaritet sërish, ndaj mund të caktohet një tjetër.
ongoing-their-reason = Arsyeja: { $reason }
flash-ongoing-cancelled = Seanca u anulua. Vendi i saj llogaritet sërish.
ongoing-cancelled-title = Të anuluara
ongoing-cancelled-line = Seanca { $n } më { $when } u anulua
ongoing-cancelled-by = nga { $name }

## Studenti tërheq kërkesën ose i jep fund
ongoing-withdraw-title = Tërhiq kërkesën time
ongoing-withdraw-hint = Nëse nuk ju duhet më kjo mbështetje, mund ta tërhiqni kërkesën. Jeni gjithmonë të mirëpritur të kërkoni sërish.
ongoing-withdraw-confirm = Po, tërhiqe
ongoing-withdraw-send = Tërhiqe këtë kërkesë
ongoing-end-title = Jepi fund kësaj mbështetjeje
ongoing-end-hint = Mund t'i jepni fund mbështetjes kur të doni. Seancat që vijnë anulohen dhe kolegu juaj njoftohet. Jeni gjithmonë të mirëpritur të kërkoni sërish.
ongoing-end-send = Jepi fund mbështetjes sime
ongoing-field-note = Një fjalë për kolegun tuaj (nuk është e detyrueshme)
ongoing-field-note-hint = Kolegu juaj e lexon këtë. Nuk keni pse të jepni arsye.
ongoing-withdrawn-title = Një kërkesë u tërhoq
ongoing-withdrawn-body = { $name } e tërhoqi kërkesën për mbështetje të vazhdueshme.
ongoing-ended-title = Një student i dha fund mbështetjes
ongoing-ended-body = { $name } i dha fund mbështetjes së vazhdueshme. Seancat që vijnë u anuluan.
ongoing-their-word = Fjala e tyre për ju: { $note }
ongoing-closed-withdrawn = { $name } e tërhoqi këtë kërkesë
ongoing-closed-ended-by-student = { $name } i dha fund kësaj mbështetjeje
flash-ongoing-withdrawn = Kërkesa juaj u tërhoq. Jeni të mirëpritur të kërkoni sërish kur të doni.
flash-ongoing-ended = Mbështetjes suaj iu dha fund dhe kolegu juaj u njoftua. Kujdesuni për veten dhe kërkoni sërish kur të doni.
