# Kanalet e grupeve të mbështetjes nga bashkëmoshatarët, kanali i lehtësuesve dhe biseda në internet te /support.

conversation-channel = Kanali
conversation-channel-of = { $name }: kanali
conversation-facilitators-title = Lehtësuesit në të gjithë rrjetin
conversation-back-to-group = Kthehu te grupi
conversation-open-channel = Hap kanalin e grupit
conversation-open-facilitators = Kanali i lehtësuesve
conversation-rules = Rregullat tona bazë
conversation-latest = Mesazhet e fundit
conversation-write = Mesazhi juaj
conversation-write-hint = Shkruani @ dhe emrin e dikujt për ta përmendur. Enter e dërgon; Shift+Enter fillon rresht të ri.
conversation-send = Dërgo
conversation-older = Mesazhet e mëparshme
conversation-needs-script = Me JavaScript të ndezur, mesazhet shfaqen sapo shkruhen. Pa të, ringarkoni faqen për të parë të rejat.
conversation-connected = I lidhur: mesazhet e reja shfaqen këtu.
conversation-reconnecting = Lidhja ra. Po lidhemi përsëri…
conversation-reply = Përgjigju
conversation-replying-to = Po i përgjigjeni { $name }
conversation-cancel = Anulo
conversation-edit = Ndrysho
conversation-save = Ruaj
conversation-delete = Fshi
conversation-delete-confirm = Ta fshij këtë mesazh? Fjalët e tij do të zhduken për të gjithë.
conversation-report = Raporto
conversation-report-reason = Çfarë ju shqetëson te ky mesazh? (nuk është e detyrueshme; e shohin vetëm lehtësuesit)
conversation-hide = Fshih
conversation-unhide = Shfaqe përsëri
conversation-mute = Hesht
conversation-mute-minutes = Për sa minuta ta heshtni?
conversation-edited = ndryshuar
conversation-deleted = Ky mesazh u fshi.
conversation-hidden = Lehtësuesit e fshehën këtë mesazh.
conversation-hidden-for-members = I fshehur nga anëtarët
conversation-you = ju
conversation-actions = Veprimet e mesazhit
conversation-mentions-you = Ju përmend
conversation-system-joined = { $name } hyri në bisedë.
conversation-system-closed = { $name } e mbylli bisedën.
conversation-muted-until = Mund të lexoni dhe të raportoni mesazhe, por jo të shkruani, deri më { $until }.
conversation-reported = Faleminderit. Lehtësuesit do ta shohin.
conversation-reported-already = E keni raportuar tashmë këtë mesazh.
conversation-muted = U heshtë për { $minutes ->
    [one] një minutë
   *[other] { $minutes } minuta
}.
conversation-notify-heading = Si mësoni për mesazhet e reja
conversation-notify-legend = Kur nuk jeni në këtë faqe
conversation-notify-every = Një email për mesazhet e reja (jo më shumë se një në çerek ore)
conversation-notify-mentions = Një email vetëm kur dikush më përmend
conversation-notify-digest = Një email në ditë me atë që u tha
conversation-notify-none = Asnjë email
conversation-refused = Këtë nuk mund ta bëni këtu.
conversation-refused-muted = Një lehtësues ju ka heshtur për pak kohë: ende nuk mund të shkruani.
conversation-refused-ended = Kjo bisedë ka mbaruar.
conversation-refused-failed = Diçka shkoi keq; asgjë nuk ndryshoi. Ju lutemi provoni përsëri.
conversation-refused-mute = Mund të heshten vetëm anëtarët e kanalit, kurrë lehtësuesit e tij.
conversation-refused-no-message = Ai mesazh nuk është në këtë bisedë.
conversation-refused-no-change = S'ka asgjë për të ndryshuar: ishte bërë tashmë.
conversation-refused-taken = Një bashkëmoshatar tjetër e ka marrë tashmë këtë bisedë.
conversation-refused-unreadable = Ai mesazh nuk mund të lexohej.
conversation-refused-setting = Ju lutemi zgjidhni një nga mundësitë.
conversation-error-empty = Shkruani diçka fillimisht.
conversation-error-long = Një mesazh mund të ketë deri në 2.000 shkronja.
conversation-error-invalid = Mesazhi ka shenja që nuk mund të dërgohen.
conversation-error-mute-length = Heshtni nga 1 minutë deri në 7 ditë.
conversation-mention-title = { $name } ju përmendi në { $channel }
conversation-mention-body = Dikush ju përmendi në kanal. Hapeni për të lexuar dhe për t'u përgjigjur.
conversation-new-title = Mesazhe të reja në { $channel }
conversation-new-body = Ka mesazhe të reja në kanal. Hapeni për t'i lexuar.
conversation-digest-title = Sot në { $channel }
conversation-digest-body = { $count } mesazhe të reja nga { $names }.
conversation-report-title = U raportua një mesazh në { $channel }
conversation-report-body = Një anëtar raportoi një mesazh. Hapni kanalin për ta parë.

drop-in-title = Bisedoni tani me një bashkëmoshatar
drop-in-intro = Gjatë orëve të hapura të qendrave studentore mund të bisedoni këtu me një mbështetës bashkëmoshatar të trajnuar. Nuk ju duhet llogari: mjafton një pseudonim dhe nuk ju kërkohet asgjë tjetër.
drop-in-continue = Vazhdoni bisedën tuaj
drop-in-start-heading = Filloni një bisedë
drop-in-centre = Cila qendër
drop-in-nickname = Një pseudonim
drop-in-nickname-hint = Çdo emër që dëshironi. Bashkëmoshatari do të shohë vetëm këtë.
drop-in-start = Fillo bisedën
drop-in-closed-heading = Tani nuk ka njeri në turn
drop-in-closed-body = Biseda hapet kur një bashkëmoshatar është në turn. Nëse ju duhet ndihmë tani, numrat më poshtë përgjigjen në çdo kohë.
drop-in-centres = Qendrat studentore
drop-in-open-now = Hapur tani
drop-in-next-shift = Turni i ardhshëm: { $when }
drop-in-no-shift = Nuk ka turn të planifikuar për dy javët e ardhshme.
drop-in-error-centre = Zgjidhni një qendër.
drop-in-error-closed = Kjo qendër nuk ka njeri në turn tani.
drop-in-chat-title = Biseda juaj
drop-in-private = Vetëm ju dhe bashkëmoshatari që merr bisedën tuaj mund ta lexoni. Mund ta lini këtë faqe dhe të ktheheni nga kjo pajisje.
drop-in-status-waiting = { $position ->
    [0] Një bashkëmoshatar do të jetë me ju së shpejti.
    [one] Jeni i radhës. Një bashkëmoshatar do të jetë me ju së shpejti.
   *[other] Jeni numri { $position } në radhë.
}
drop-in-status-with = Po bisedoni me { $name }.
drop-in-status-ended = Kjo bisedë ka mbaruar.
drop-in-end = Mbyll bisedën
drop-in-take = Merre këtë bisedë
drop-in-write-log = Shkruaj shënimin e shkurtër
drop-in-staff-title = Bisedë me { $name } · { $centre }
drop-in-queue-online = Bisedë në internet: hape
drop-in-link = Bisedoni në internet me një bashkëmoshatar
flash-chat-ended = Biseda mbaroi. Kujdesuni për veten; mund të filloni një të re sa herë që jemi hapur.
