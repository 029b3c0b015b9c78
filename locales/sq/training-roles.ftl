# Hearth — shqip. Rolet që hap trajnimi, afatet e shërbimit dhe rrjedha e
# trajnimit (çështja 6). Çdo çelës ekziston edhe në en/training-roles.ftl.

## Çfarë kërkon çdo rol
role-training-title = Rolet dhe trajnimi që kërkojnë
role-training-intro = Çdo rol mund të kërkojë një minimum trajnimi më parë: module të plota, të nënshkruara nga një lehtësues, dhe seanca të veçanta ku personi mori pjesë. Një rol me trajnim të paplotë nuk mund të jepet, përveçse nga një administrator që thotë pse.
role-training-none = Nuk kërkon trajnim.
role-training-change = Ndrysho çfarë kërkon { $role }
role-training-for = Trajnimi për { $role }
role-training-form-intro = Shëno module të plota, ose seanca të veçanta brenda tyre. Një modul llogaritet kur një lehtësues e ka nënshkruar; një seancë llogaritet kur personi ka marrë pjesë.
role-training-whole-module = I gjithë { $module }
role-training-one-session = Seanca: { $session }
role-training-save = Ruaj çfarë kërkon ky rol
role-training-module-item = { $module } ({ $curriculum })
role-training-session-item = Seanca “{ $session }” e { $module } ({ $curriculum })
flash-role-training-saved = U ruajt. Njerëzit e kanë të nevojshëm këtë trajnim para se t'u jepet roli.

## Dhënia e një roli
role-training-incomplete = { $role } kërkon trajnim që nuk është plotësuar ende.
role-training-still-to-do = Mbetet për t'u bërë:
role-training-override-reason = Arsyeja për ta dhënë tani
role-training-override-hint = Si administrator mund ta jepni rolin gjithsesi. Thoni pse (për shembull, u trajnua diku tjetër); arsyeja ruhet në faqen e këtij personi.
role-training-overrides = Role të dhëna para se trajnimi të plotësohej
role-training-override-missing = Mungonte atëherë:
error-reason-required = Ju lutemi thoni pse.
audit-subject-role-training-override = një rol i dhënë para se trajnimi i tij të plotësohej

## Faqja e kursantit
role-training-unlocks = Rolet ku të çon ky trajnim
role-training-progress = { $done } nga { $total } të kryera
role-training-held = E mban tashmë këtë rol.
role-training-complete = Trajnimi për këtë rol është i plotë.
role-training-give = Jepi { $name } rolin { $role } në { $site }
notice-training-complete-title = { $name } ka plotësuar trajnimin për { $role }
notice-training-complete-body = Trajnimi i tyre është i plotë. Mund t'u jepni rolin me një hap nga faqja e tyre e trajnimit.

## Afatet e shërbimit
role-term-legend = Afati i shërbimit (punonjës bashkëmoshatarë)
role-term-hint = Kur fillojnë dhe kur pritet të largohen: tre vjet më së shumti. Nëse lihet bosh, afati është dy vjet nga sot.
role-term-starts = Fillon më
role-term-ends = Pritet të largohet më
role-term-invalid = Ju lutemi kontrolloni afatin e shërbimit.
role-term-label = { $role } · { $starts } deri { $ends }
error-term-order = Fundi i pritur duhet të vijë pas fillimit.
error-term-too-long = Studentët shërbejnë tre vjet më së shumti; ju lutemi zgjidhni një fund më të hershëm.

## Rrjedha e trajnimit
pipeline-title = Rrjedha e trajnimit
pipeline-intro = Për çdo vend dhe rol: sa punonjës bashkëmoshatarë shërbejnë tani, sa pritet të largohen në { $months } muajt e ardhshëm dhe sa janë rrugës. Kur largohen më shumë se sa vijnë, është koha të nisë grupi i ardhshëm i trajnimit.
pipeline-today = Më { $date }.
pipeline-empty = Ende nuk ka punonjës bashkëmoshatarë apo kursantë.
pipeline-active = Shërbejnë tani
pipeline-leaving = Largohen në { $months } muajt e ardhshëm
pipeline-overdue = Përtej fundit të pritur
pipeline-in-training = Në trajnim
pipeline-ready = Të trajnuar, roli ende pa u dhënë
pipeline-plan-next = Koha të planifikohet grupi i ardhshëm
pipeline-hint = "Në trajnim" numëron kursantët, biseda e gatishmërisë së të cilëve tha gati, në grupe trajnimi që nuk janë arkivuar, për çdo rol ku të çon kurrikula e tyre dhe trajnimin e të cilit nuk e kanë mbaruar. Dikush mund të numërohet për disa role. Arkivojeni një grup kur të ketë mbaruar.

## Zhvillimi i një seance drejtpërdrejt
live-session-heading = Zhvillimi drejtpërdrejt në internet
live-session-hint = Zgjidhni fletën e rrjedhës që ndjekin aktivitetet e kësaj seance. Një seancë që ka një të tillë mund të planifikohet në internet: Hearth krijon një ngjarje të drejtpërdrejtë për grupin prej saj.
live-session-sheet = Fleta e rrjedhës
live-session-no-sheet = Asnjë: vetëm në një sallë
live-session-save = Ruaj fletën e rrjedhës
live-session-where = Si zhvillohet
live-session-in-room = Në një sallë
live-session-online = Në internet, si ngjarje e drejtpërdrejtë
live-session-needs-sheet = Kjo seancë nuk ka ende fletë rrjedhe. Zgjidhni një në faqen e seancës në kurrikul për ta zhvilluar drejtpërdrejt.
live-session-open = Hap ngjarjen e drejtpërdrejtë
live-session-join = Bashkohu në internet
