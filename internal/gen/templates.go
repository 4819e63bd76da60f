package gen

// Sentence templates, grouped by the part of an article they write. See tmpl
// for the syntax. Slots: EV event, ORG/ORGS/CO organizers, VENUE, CITY, I/INITS
// initiatives, L leader, IP/LP/OP/PL places, S1/SPK/R/R1/R2 roles, T1/T2/LT/T
// themes, ATT/MEMBERS/PARTS organizations, NET network, O/O1/O2/P2
// organizations, PREV person.

var (
	reportLead = parseAll(
		"Le $date, {VENUE:à}, {CITY:in}, {ORG} a organisé {EV:poss}. ## ORGANIZED ORG EV; HELD_AT EV VENUE; LOCATED_IN EV CITY",
		"Le $date, {ORG} a organisé {EV:poss} {CITY:in}. ## ORGANIZED ORG EV; HELD_AT EV CITY",
		"{EV} s’est {EV|tenu|tenue} le $date {VENUE:à}, {CITY:in}, à l’initiative {ORG:de}. ## ORGANIZED ORG EV; HELD_AT EV VENUE; LOCATED_IN EV CITY",
		"{EV} s’est {EV|tenu|tenue} le $date {CITY:inx}, à l’initiative {ORGS:de}. ## ORGANIZED ORGS EV; HELD_AT EV CITY",
		"Plus de $n participants se sont retrouvés le $date {CITY:in} pour {EV}, {EV|organisé|organisée} par {ORGS}. ## ORGANIZED ORGS EV; HELD_AT EV CITY",
		"C’est {VENUE:à}, {CITY:in}, que s’est {EV|déroulé|déroulée}, le $date, {EV}, {EV|organisé|organisée} par {ORGS}. ## ORGANIZED ORGS EV; HELD_AT EV VENUE; LOCATED_IN EV CITY",
		"{CITY:bare} accueillait, le $date, {EV}, {EV|organisé|organisée} par {ORGS}. ## ORGANIZED ORGS EV; HELD_AT EV CITY",
		"Le $date, $n personnes ont participé {EV:à}, {EV|organisé|organisée} par {ORG} {VENUE:à}. ## ORGANIZED ORG EV; HELD_AT EV VENUE",
		"Le $online, {ORG} a proposé {EV:poss}, suivi en ligne par plus de $n participants. ## ORGANIZED ORG EV",
		"{EV}, {EV|proposé|proposée} par {ORGS} le $online, a réuni en ligne une centaine de participants. ## ORGANIZED ORGS EV",
	)
	reportStructure = parseAll(
		"$word était {EV|structuré|structurée} en $k tables rondes, suivies d’ateliers thématiques.$?physical",
		"La matinée a été consacrée aux interventions en plénière, l’après-midi à des ateliers en petits groupes.$?physical",
		"Le programme alternait tables rondes, retours d’expérience et temps d’échanges informels.",
		"Près de $pct % des participants étaient des élus ou des agents de collectivités territoriales.",
		"$word a réuni élus, agents territoriaux, responsables associatifs, entrepreneurs et habitants.",
		"Les échanges ont été nourris par de nombreux retours d’expérience de terrain.",
		"Trois questions ont guidé les échanges : comment repérer les initiatives, comment les financer et comment les inscrire dans la durée ?",
		"Les participants ont pu poser leurs questions tout au long de la séance grâce à un outil de discussion en ligne.$?online",
	)
	reportTheme = parseAll(
		"Cette année, le fil conducteur {EV:de} était {T1}. ## ABOUT EV T1",
		"{EV} était {EV|consacré|consacrée} {T1:à} et {T2:à}. ## ABOUT EV T1; ABOUT EV T2",
		"Au cœur des échanges {EV:de} : {T1} et {T1|sa|sa|leur|leur} place dans les politiques locales. ## ABOUT EV T1",
		"Élus, techniciens, responsables associatifs et habitants ont débattu {T1:de} lors {EV:de}. ## ABOUT EV T1",
		"{EV} avait pour thème « {T1:bare} et territoires : quelles coopérations ? ». ## ABOUT EV T1",
		"{EV} a permis de faire le point sur {T1} et {T2}. ## ABOUT EV T1; ABOUT EV T2",
		"Le lien entre {T1} et {T2} a été souvent rappelé par les intervenants {EV:de}. ## ABOUT EV T1; ABOUT EV T2",
	)
	reportSpeakers = parseAll(
		"{EV} a réuni de nombreux intervenants, parmi lesquels {SPK:with}. ## PARTICIPATED_IN SPK EV intervenant|intervenante",
		"Parmi les intervenants {EV:de} figuraient {SPK:with}. ## PARTICIPATED_IN SPK EV intervenant|intervenante",
		"Se sont notamment succédé à la tribune {EV:de} {SPK:with}. ## PARTICIPATED_IN SPK EV intervenant|intervenante",
	)
	reportSpeaker = parseAll(
		"Lors {EV:de}, {S1:with}, a rappelé que $claim ## PARTICIPATED_IN S1 EV intervenant|intervenante",
		"{S1:with}, est {S1|intervenu|intervenue} en ouverture {EV:de}. ## PARTICIPATED_IN S1 EV intervenant|intervenante",
		"{S1:with}, a ouvert {EV} en soulignant que $claim ## PARTICIPATED_IN S1 EV intervenant|intervenante",
		"Les débats {EV:de} ont été animés par {S1:with}. ## PARTICIPATED_IN S1 EV animateur|animatrice",
		"{S1:with}, était grand témoin {EV:de}. ## PARTICIPATED_IN S1 EV grand témoin",
		"{S1|Invité|Invitée} {EV:à}, {S1:with}, a présenté la démarche de sa structure. ## PARTICIPATED_IN S1 EV intervenant|intervenante",
		"{S1:with}, a clôturé {EV} en rappelant que $claim ## PARTICIPATED_IN S1 EV intervenant|intervenante",
	)
	quotes = parseAll(
		"« $quote », a souligné {S1}.",
		"« $quote », a résumé {S1}.",
		"« $quote », insiste {S1}.",
		"Pour {S1}, « $quote ».",
		"{S1} l’a dit sans détour : « $quote ».",
		"« $quote », confie {S1}.",
	)
	reportInits = parseAll(
		"Plusieurs initiatives ont été présentées lors {EV:de}, dont {INITS}. ## PRESENTED_AT INITS EV",
		"{EV} a aussi été l’occasion de présenter {INITS}. ## PRESENTED_AT INITS EV",
		"Les participants {EV:de} ont découvert {INITS}. ## PRESENTED_AT INITS EV",
	)
	reportInit = parseAll(
		"{I}, {I|porté|portée} par {L}, a été {I|présenté|présentée} lors {EV:de}. ## PRESENTED_AT I EV; LED_BY I L",
		"{I}, {I|porté|portée} par {L} {IP:in}, a également été {I|présenté|présentée} aux participants {EV:de}. ## PRESENTED_AT I EV; LED_BY I L; LOCATED_IN I IP",
		"Les participants {EV:de} ont découvert {I}, {I|mis|mise} en place {IP:in} par {L}. ## PRESENTED_AT I EV; LED_BY I L; LOCATED_IN I IP",
		"{L} est {L|venu|venue|venus|venues} présenter {I} aux participants {EV:de}. ## PRESENTED_AT I EV; LED_BY I L",
	)
	reportAttendees = parseAll(
		"Des représentants {ATT:de} ont également pris part aux échanges {EV:de}. ## PARTICIPATED_IN ATT EV",
		"{ATT} {ATT|a|a|ont|ont} également participé {EV:à}. ## PARTICIPATED_IN ATT EV",
		"{EV} a rassemblé plus de $n personnes, parmi lesquelles des représentants {ATT:de}. ## PARTICIPATED_IN ATT EV",
		"Étaient notamment représentés {EV:à} : {ATT}. ## PARTICIPATED_IN ATT EV",
	)
	reportClose = parseAll(
		"La prochaine édition est d’ores et déjà annoncée pour $nextyear.$?physical",
		"Les actes {EV:de} seront prochainement disponibles sur le site {ORG:de}.",
		"Pour plus d’informations sur cette journée, rendez-vous sur le site {ORG:de}.$?physical",
		"Les supports des interventions peuvent être demandés auprès {ORG:de}.",
		"{ORG} publiera dans les prochaines semaines une synthèse des échanges.",
		"Un compte rendu détaillé sera adressé à tous les participants.",
	)
	signature = parseAll("{SIG:sig}")

	announceLead = parseAll(
		"{ORG} organise, le $date, {EV:poss} {VENUE:à}, {CITY:in}. ## ORGANIZED ORG EV; HELD_AT EV VENUE; LOCATED_IN EV CITY",
		"{ORG} organise {EV:poss} le $date {CITY:in}. ## ORGANIZED ORG EV; HELD_AT EV CITY",
		"Rendez-vous le $date {CITY:in} pour {EV}, {EV|organisé|organisée} par {ORGS}. ## ORGANIZED ORGS EV; HELD_AT EV CITY",
		"{EV} aura lieu le $date {VENUE:à}, {CITY:inx}. ## HELD_AT EV VENUE; LOCATED_IN EV CITY",
		"Save the date : {EV} se tiendra le $date {CITY:inx}. ## HELD_AT EV CITY",
		"Les inscriptions sont ouvertes pour {EV}, qui se tiendra le $date {CITY:in}. ## HELD_AT EV CITY",
		"{ORG} propose, le $online, {EV:poss}, ouvert à tous sur inscription. ## ORGANIZED ORG EV",
		"Inscrivez-vous {EV:à}, {EV|proposé|proposée} en ligne le $online par {ORGS}. ## ORGANIZED ORGS EV",
	)
	announceOrg = parseAll(
		"{EV} est {EV|organisé|organisée} par {ORGS}. ## ORGANIZED ORGS EV",
		"{ORGS} {ORGS|est|est|sont|sont} à l’initiative {EV:de}. ## ORGANIZED ORGS EV",
		"{ORG} s’associe {CO:à} pour organiser {EV}. ## ORGANIZED ORG EV; ORGANIZED CO EV; PARTNER_OF ORG CO",
		"Comme chaque année, {ORG} donne rendez-vous aux acteurs du territoire pour {EV}. ## ORGANIZED ORG EV",
	)
	announceTheme = parseAll(
		"{EV} réunira élus, techniciens des collectivités et acteurs de terrain autour {T1:de}. ## ABOUT EV T1",
		"Le thème retenu pour {EV} : {T1}. ## ABOUT EV T1",
		"{EV} portera sur {T1} et {T2}. ## ABOUT EV T1; ABOUT EV T2",
		"Cette année, {EV} mettra l’accent sur {T1}. ## ABOUT EV T1",
		"{EV} sera {EV|consacré|consacrée} {T1:à}. ## ABOUT EV T1",
	)
	announceProgram = parseAll(
		"Au programme {EV:de} : une table ronde animée par {S1:with}, puis des ateliers thématiques. ## PARTICIPATED_IN S1 EV animateur|animatrice",
		"{S1:with}, interviendra en ouverture {EV:de}. ## PARTICIPATED_IN S1 EV intervenant|intervenante",
		"Parmi les intervenants attendus {EV:à} : {SPK:with}. ## PARTICIPATED_IN SPK EV intervenant|intervenante",
		"{SPK:with}, {SPK|interviendra|interviendra|interviendront|interviendront} lors {EV:de}. ## PARTICIPATED_IN SPK EV intervenant|intervenante",
	)
	announceInits = parseAll(
		"{INITS} {INITS|sera présenté|sera présentée|seront présentés|seront présentées} lors {EV:de}. ## PRESENTED_AT INITS EV",
		"{EV} sera aussi l’occasion de découvrir {INITS}. ## PRESENTED_AT INITS EV",
	)
	announcePractical = parseAll(
		"L’inscription est gratuite mais obligatoire, dans la limite des places disponibles.",
		"Le programme détaillé sera communiqué dans les prochaines semaines.",
		"Les inscriptions sont ouvertes jusqu’au $deadline.",
		"Un déjeuner sera offert aux participants.$?physical",
		"Le lieu est accessible aux personnes à mobilité réduite.$?physical",
		"Cette journée est ouverte aux élus, aux agents des collectivités, aux acteurs associatifs et à toute personne intéressée.$?physical",
		"Le lien de connexion sera envoyé aux inscrits la veille.$?online",
		"Une attestation de participation pourra être délivrée sur demande.",
	)

	initLead = parseAll(
		"{IP:in}, {L} lance {I}. ## LED_BY I L; LOCATED_IN I IP",
		"{L} vient de lancer {I} {IP:in}. ## LED_BY I L; LOCATED_IN I IP",
		"{I} a officiellement été {I|lancé|lancée} le $date {IP:in} par {L}. ## LED_BY I L; LOCATED_IN I IP",
		"{I|Porté|Portée} par {L}, {I} a vu le jour {IP:in} en $year. ## LED_BY I L; LOCATED_IN I IP",
		"C’est une première {IP:in} : {L} a inauguré {I}. ## LED_BY I L; LOCATED_IN I IP",
		"{IP:inx}, {I}, {I|porté|portée} par {L}, entre dans une nouvelle phase. ## LED_BY I L; LOCATED_IN I IP",
	)
	initTheme = parseAll(
		"{I} s’inscrit dans une démarche {T1:de0}. ## ABOUT I T1",
		"{I} relève à la fois {T1:de} et {T2:de}. ## ABOUT I T1; ABOUT I T2",
		"Avec {I}, {L} entend faire progresser {T1} {IP:in}. ## ABOUT I T1; LED_BY I L; LOCATED_IN I IP",
		"{I} est un projet {T1:de0}, pensé avec et pour les habitants. ## ABOUT I T1",
		"{I} contribue {T1:à} sur le territoire. ## ABOUT I T1",
	)
	initLeader = parseAll(
		"{L}, {L|créé|créée} en $founded, est {L|installé|installée} {LP:in}. ## LOCATED_IN L LP",
		"{L|Basé|Basée} {LP:inx}, {L} accompagne chaque année plusieurs centaines de personnes. ## LOCATED_IN L LP",
		"{L} est {L|implanté|implantée} {LP:in} depuis $founded. ## LOCATED_IN L LP",
	)
	memberOf = parseAll(
		"{L} est membre {NET:de}. ## MEMBER_OF L NET",
		"{L} adhère {NET:à} depuis $since. ## MEMBER_OF L NET",
		"Membre {NET:de}, {L} partage ses outils avec d’autres structures du réseau. ## MEMBER_OF L NET",
		"{L} a rejoint {NET} en $since. ## MEMBER_OF L NET",
	)
	worksOn = parseAll(
		"{L} œuvre depuis $founded en faveur {LT:de}. ## ABOUT L LT",
		"{L} agit au quotidien pour {LT}. ## ABOUT L LT",
		"L’action {L:de} est centrée sur {LT}. ## ABOUT L LT",
	)
	people = parseAll(
		"« $quote », explique {R:with}.",
		"« $quote », résume {R:with}.",
		"Pour {R:with}, « $quote ».",
		"{R:with}, se félicite de l’engagement des bénévoles et des partenaires.",
		"{R:with}, rappelle que $claim",
		"{R:with}, le reconnaît : « $quote ».",
	)
	initPartners = parseAll(
		"{I} bénéficie du soutien {PARTS:de}. ## PARTNER_OF I PARTS",
		"{I} est {I|soutenu|soutenue} par {PARTS}. ## PARTNER_OF I PARTS",
		"Le projet a reçu le soutien {PARTS:de}, {PARTS|partenaire|partenaire|partenaires|partenaires} {I:de}. ## PARTNER_OF I PARTS",
	)
	leaderPartner = parseAll(
		"{L} a noué un partenariat avec {P2} pour développer {I}. ## PARTNER_OF L P2; LED_BY I L",
		"Pour mener à bien {I}, {L} s’appuie sur {P2}, un partenaire de longue date. ## PARTNER_OF L P2; LED_BY I L",
	)
	initShown = parseAll(
		"{I} avait été {I|présenté|présentée} lors {EV:de}. ## PRESENTED_AT I EV",
		"Le projet avait déjà retenu l’attention lors {EV:de}, où {I} avait été {I|présenté|présentée}. ## PRESENTED_AT I EV",
	)
	otherInits = parseAll(
		"{L} porte aussi {I2}. ## LED_BY I2 L",
		"Ce n’est pas le premier projet {L:de} : {L|il|elle|ils|elles} {L|anime|anime|animent|animent} déjà {I2}. ## LED_BY I2 L",
		"{L} est également à l’origine {I2:de}. ## LED_BY I2 L",
	)
	orgBacks = parseAll(
		"{O} soutient notamment {I2}. ## PARTNER_OF I2 O",
		"Parmi les projets soutenus par {O} figure {I2}. ## PARTNER_OF I2 O",
		"{O} accompagne {I2} depuis son lancement. ## PARTNER_OF I2 O",
	)
	initNext = parseAll(
		"À terme, {L} souhaite essaimer la démarche dans d’autres communes {DEP:de}.",
		"Une évaluation est prévue à l’issue de la première année.",
		"Les habitants intéressés peuvent rejoindre le projet en contactant directement {L}.",
		"D’autres communes {DEP:de} se sont déjà montrées intéressées.",
		"Une journée portes ouvertes sera organisée dans les prochains mois.",
	)

	appointLead = parseAll(
		"{R} a été {R|élu|élue} {R:title} {O:de} lors de l’assemblée générale du $elected. ## HOLDS_ROLE R O",
		"Lors de son assemblée générale du $elected, {O} a élu {R} au poste de {R:title}. ## HOLDS_ROLE R O",
		"Changement de gouvernance {O:à} : {R} en devient {R:title}. ## HOLDS_ROLE R O",
		"{R} est {R|le nouveau|la nouvelle} {R:title} {O:de}. ## HOLDS_ROLE R O",
		"{R} a été {R|nommé|nommée} {R:title} {O:de} le $hired. ## HOLDS_ROLE R O",
		"{O} a confié le poste de {R:title} à {R} à compter du $hired. ## HOLDS_ROLE R O",
	)
	appointPrev = parseAll(
		"{R|Il|Elle} succède à {PREV}, qui occupait ce poste depuis $year.",
		"{R} prend la suite {PREV:de}, en poste depuis $year.",
	)
	appointBio = parseAll(
		"{R|Engagé|Engagée} de longue date dans la vie locale, {R} connaît bien les enjeux {T1:de}. ## ABOUT R T1",
		"{R} était jusqu’ici {R2:title} {O2:de}. ## HOLDS_ROLE R2 O2",
		"Spécialiste {T1:de}, {R} a notamment travaillé pendant dix ans dans le secteur de l’insertion. ## ABOUT R T1",
		"{R} est aussi {R2:title} {O2:de}. ## HOLDS_ROLE R2 O2",
	)
	orgProfile = parseAll(
		"{O}, dont le siège est {OP:in}, fédère $n structures.$?network ## LOCATED_IN O OP",
		"{O|Installé|Installée|Installés|Installées} {OP:inx}, {O} compte aujourd’hui $n salariés. ## LOCATED_IN O OP",
		"{O} est {O|implanté|implantée} {OP:in} depuis $founded. ## LOCATED_IN O OP",
	)
	orgMembers = parseAll(
		"{O} compte parmi ses membres {MEMBERS}. ## MEMBER_OF MEMBERS O",
		"{MEMBERS} {MEMBERS|fait|fait|font|font} partie des membres {O:de}. ## MEMBER_OF MEMBERS O",
		"{O} rassemble des structures comme {MEMBERS}. ## MEMBER_OF MEMBERS O",
	)
	orgThemes = parseAll(
		"{O} agit en faveur {T1:de} et {T2:de}. ## ABOUT O T1; ABOUT O T2",
		"{O} s’engage depuis $founded en faveur {T1:de}. ## ABOUT O T1",
		"{T1} {T1|est|est|sont|sont} au cœur du projet {O:de}. ## ABOUT O T1",
	)
	orgPartner = parseAll(
		"{O} poursuivra son partenariat avec {P2}. ## PARTNER_OF O P2",
		"{O} travaille en étroite collaboration avec {P2}. ## PARTNER_OF O P2",
		"{O} et {P2} sont partenaires depuis plusieurs années. ## PARTNER_OF O P2",
	)
	orgNetwork = parseAll(
		"{O} est membre {NET:de}. ## MEMBER_OF O NET",
		"{O} adhère {NET:à}. ## MEMBER_OF O NET",
	)
	appointPriorities = parseAll(
		"Parmi les priorités du nouveau mandat : le renforcement des liens avec les collectivités, l’accompagnement des porteurs de projets dans les quartiers prioritaires et la formation des bénévoles.",
		"La nouvelle équipe entend aussi développer les coopérations entre structures du territoire.",
		"Le conseil d’administration a également été renouvelé pour moitié.",
		"Un nouveau projet stratégique sera présenté aux adhérents d’ici la fin de l’année.",
		"La gouvernance reste collégiale, avec un bureau de sept membres.",
	)

	callLead = parseAll(
		"{L} lance {I}. ## LED_BY I L",
		"{L} a lancé le $date {I}, {I|doté|dotée} de $amount. ## LED_BY I L",
		"Jusqu’au $deadline, {L} ouvre les candidatures {I:à}. ## LED_BY I L",
		"{I}, {I|lancé|lancée} par {L}, est {I|ouvert|ouverte} jusqu’au $deadline. ## LED_BY I L",
	)
	callScope = parseAll(
		"{I} s’adresse aux associations, coopératives et entreprises de l’ESS implantées {IP:in}. ## LOCATED_IN I IP",
		"{I} vise à soutenir des projets {T1:de0} {IP:in}. ## ABOUT I T1; LOCATED_IN I IP",
		"{I} s’adresse aux structures de l’économie sociale et solidaire de tout le territoire national.$?national",
	)
	callTheme = parseAll(
		"{I} porte sur {T1} et {T2}. ## ABOUT I T1; ABOUT I T2",
		"{I} vise à soutenir des projets {T1:de0}. ## ABOUT I T1",
		"{I} retiendra en priorité des projets contribuant {T1:à}. ## ABOUT I T1",
	)
	callBudget = parseAll(
		"L’enveloppe globale s’élève à $amount, avec une aide plafonnée à $cap par projet.",
		"Les lauréats bénéficieront d’un accompagnement de douze mois en plus du soutien financier.",
		"Les dossiers seront examinés par un comité de sélection réunissant élus, experts et représentants des réseaux.",
		"Les candidatures sont à déposer en ligne avant le $deadline.",
		"Les résultats seront annoncés au début de l’année suivante.",
	)
	callPartners = parseAll(
		"{I} est {I|cofinancé|cofinancée} par {PARTS}. ## PARTNER_OF I PARTS",
		"{PARTS} {PARTS|est|est|sont|sont} {PARTS|partenaire|partenaire|partenaires|partenaires} {I:de}. ## PARTNER_OF I PARTS",
	)
	callShown = parseAll(
		"{I} sera {I|présenté|présentée} lors {EV:de}. ## PRESENTED_AT I EV",
		"Une présentation {I:de} est prévue lors {EV:de}. ## PRESENTED_AT I EV",
	)

	partnerLead = parseAll(
		"{O1} et {O2} ont signé, le $date, une convention de partenariat de $years ans. ## PARTNER_OF O1 O2",
		"{O1} a signé le $date une convention de partenariat avec {O2}. ## PARTNER_OF O1 O2",
		"Un partenariat a été conclu {O1:entre} et {O2}. ## PARTNER_OF O1 O2",
		"{O1} et {O2} unissent leurs forces. ## PARTNER_OF O1 O2",
	)
	partnerGoal = parseAll(
		"Ce partenariat vise à développer {T1} {PL:in}.",
		"Les deux structures partagent une même ambition : faire {T1:de} un levier de développement pour les territoires.",
		"La convention prévoit des actions communes autour {T1:de} et {T2:de}.",
	)
	partnerSign = parseAll(
		"La convention a été signée par {R1:with}, et {R2:with}.",
		"« $quote », a déclaré {R1:with}, lors de la signature.",
		"Pour {R2:with}, « $quote ».",
	)
	partnerContent = parseAll(
		"Concrètement, les deux partenaires mutualiseront leurs outils d’accompagnement et organiseront des formations communes.",
		"Un comité de suivi se réunira deux fois par an pour faire le point sur les actions engagées.",
		"Une première action commune est prévue dès la rentrée.",
		"Le partenariat prévoit aussi l’accueil de stagiaires et le partage de locaux.",
	)

	fillers = parseAll(
		"Depuis plusieurs années, {T} {T|occupe|occupe|occupent|occupent} une place croissante dans les politiques publiques locales.",
		"Les acteurs de terrain rappellent que {T} ne se {T|décrète|décrète|décrètent|décrètent} pas : {T|il se construit|elle se construit|ils se construisent|elles se construisent} dans la durée, avec les habitants.",
		"Pour les collectivités, l’enjeu est de faire {T:de} un levier de développement pour les quartiers.",
		"{T} {T|mobilise|mobilise|mobilisent|mobilisent} aujourd’hui un nombre croissant d’acteurs {PL:in}.",
		"{PL:in}, les initiatives liées {T:à} se sont multipliées ces dernières années.",
		"Les financements dédiés {T:à} restent toutefois fragiles et souvent annuels.",
		"Plusieurs études récentes soulignent l’impact positif des démarches {T:de0} sur le lien social.",
		"Reste à mieux faire connaître ces dispositifs auprès des publics les plus éloignés.",
		"Les besoins sont importants : dans certains quartiers, le taux de chômage des jeunes dépasse 30 %.",
		"La crise sanitaire a mis en lumière le rôle essentiel des associations de proximité.",
		"Les élus locaux sont de plus en plus nombreux à s’emparer de ces sujets.",
		"Cette dynamique s’appuie sur un tissu associatif dense et sur des coopérations anciennes entre acteurs.",
		"La question du financement dans la durée reste un point de vigilance pour de nombreux porteurs de projets.",
		"La transversalité entre {T} et {T2} apparaît comme une chance pour les territoires.",
		"L’implication des habitants reste un élément clé de la réussite et de la pérennité des projets.",
		"L’enjeu est désormais de passer de l’expérimentation à la généralisation.",
		"Les collectivités territoriales disposent de nombreux leviers pour soutenir ces initiatives : commande publique, mise à disposition de locaux, subventions pluriannuelles.",
		"Le partage d’expériences entre territoires est souvent cité comme un facteur de réussite.",
		"L’évaluation de l’impact social de ces projets progresse, même si les outils restent à harmoniser.",
		"{PL:in}, les acteurs de l’économie sociale et solidaire emploient plusieurs milliers de salariés.",
		"Dans les quartiers prioritaires de la politique de la ville, ces démarches prennent une importance particulière.",
		"Les associations alertent cependant sur l’épuisement des bénévoles et la difficulté à recruter.",
		"Les démarches {T:de0} gagnent à être pensées dès l’origine avec les personnes concernées.",
		"Beaucoup de projets naissent d’un constat simple, partagé par les habitants et les professionnels.",
		"La coopération entre collectivités, associations et entreprises reste la clé de la réussite.",
		"Pour beaucoup d’acteurs, {T} {T|reste|reste|restent|restent} un sujet encore trop peu visible dans le débat public.",
		"De nombreux projets peinent encore à trouver un modèle économique stable.",
		"Les structures de l’insertion par l’activité économique jouent ici un rôle central.",
		"La question de la mobilité revient souvent : sans moyen de transport, l’accès à l’emploi reste difficile.",
		"La mise en réseau des acteurs permet d’éviter les doublons et de mieux orienter les publics.",
		"Les retours des habitants sont très positifs, et la fréquentation progresse chaque mois.",
		"Les partenaires financiers suivent désormais les projets sur plusieurs années.",
		"{PL:in}, la demande d’accompagnement des porteurs de projets ne cesse de croître.",
		"La formation des bénévoles et des salariés est un autre chantier important.",
		"Ces projets montrent qu’il est possible de concilier activité économique, utilité sociale et ancrage local.",
		"L’accès aux droits reste une préoccupation majeure pour de nombreuses familles.",
		"La place des jeunes dans ces démarches fait l’objet d’une attention particulière.",
		"L’ancrage territorial des projets est souvent présenté comme leur principale force.",
		"Plusieurs collectivités ont d’ores et déjà fait part de leur intérêt pour la démarche.",
		"Le sujet {T:de} sera à nouveau à l’ordre du jour lors des prochaines rencontres du secteur.",
		"Selon les acteurs interrogés, près de $pct % des projets accompagnés sont encore actifs trois ans après leur lancement.",
		"{PL:in}, $n structures se sont engagées dans une démarche {T:de0} depuis $year.",
		"Les attentes des habitants portent d’abord sur l’emploi, le logement et la tranquillité publique.",
		"Le bénévolat reste le moteur de nombreuses initiatives, mais il ne peut pas tout porter.",
		"Les porteurs de projets réclament des financements pluriannuels et des procédures simplifiées.",
		"Les liens avec les entreprises du territoire se renforcent, notamment grâce aux clauses sociales.",
		"Le recours aux outils numériques s’est généralisé, sans remplacer les rencontres en présentiel.",
		"Les femmes sont majoritaires parmi les porteurs de projets accompagnés, une tendance qui se confirme.",
		"Les jeunes de moins de 26 ans représentent près d’un tiers des personnes accompagnées.",
		"La mesure de l’utilité sociale reste un exercice délicat pour les petites structures.",
		"{PL:in}, plusieurs communes ont inscrit {T} dans leur projet de mandat.",
		"Le dialogue entre élus et habitants a souvent permis de lever les réticences initiales.",
		"Plusieurs dispositifs nationaux viennent compléter les soutiens locaux, sans toujours s’articuler avec eux.",
		"Les moyens humains restent limités : beaucoup de structures fonctionnent avec moins de cinq salariés.",
		"Les conventions pluriannuelles d’objectifs donnent de la visibilité aux associations qui en bénéficient.",
		"Les acteurs insistent sur la nécessité de mieux reconnaître le travail des bénévoles.",
		"{T} {T|fait|fait|font|font} désormais partie des critères retenus par de nombreux financeurs.",
		"Des formations croisées entre agents territoriaux et salariés associatifs se développent.",
		"La question du foncier et des locaux revient dans la plupart des projets.",
		"Dans les territoires ruraux, la distance et le manque de transports compliquent l’accès aux services.",
		"Les mutualisations entre structures voisines permettent de partager des postes et des équipements.",
		"La participation des habitants aux instances de décision progresse, mais reste inégale.",
		"{PL:in}, la démarche a été saluée par plusieurs partenaires institutionnels.",
		"Les premiers résultats sont encourageants, même s’il est encore trop tôt pour tirer un bilan complet.",
	)
)

var claims = []string{
	"l’implication des habitants reste un élément déterminant pour la réussite et la pérennité des projets.",
	"les entreprises de l’économie sociale et solidaire ne doivent pas être mises en concurrence avec les structures d’insertion.",
	"l’innovation doit se faire à partir de la base, au plus près des habitants.",
	"les collectivités ont un rôle essentiel à jouer pour accompagner les initiatives citoyennes.",
	"la coopération entre acteurs est la condition de projets durables.",
	"les quartiers prioritaires regorgent de talents et d’initiatives.",
	"la commande publique peut être un formidable levier pour l’emploi local.",
	"rien ne se fera sans les associations de proximité.",
	"l’accès aux financements reste le principal frein au développement des projets.",
	"les jeunes doivent être associés dès la conception des projets.",
	"l’évaluation doit servir à améliorer les projets, pas à les sanctionner.",
	"la transition écologique doit être aussi une transition solidaire.",
	"il faut faire confiance aux acteurs de terrain.",
	"les habitants sont les premiers experts de leur quartier.",
	"la mutualisation des moyens permet aux petites structures de gagner en solidité.",
	"le numérique peut aussi creuser les inégalités s’il n’est pas accompagné.",
	"l’égalité entre les femmes et les hommes doit être prise en compte dès la conception des projets.",
	"la pérennité des postes reste une préoccupation majeure des associations.",
	"les tiers-lieux sont devenus des lieux ressources dans de nombreux territoires.",
	"l’économie sociale et solidaire représente près d’un emploi privé sur huit en France.",
	"l’innovation sociale ne se résume pas à la nouveauté : elle doit répondre à des besoins mal satisfaits.",
	"la participation citoyenne suppose de donner du temps et des moyens aux habitants.",
}

var quoteTexts = []string{
	"Nous ne voulons pas faire pour les habitants, mais avec eux",
	"Ce projet est d’abord une aventure humaine",
	"Il fallait un lieu où chacun puisse venir avec ses idées",
	"Nos adhérents attendent de nous que nous les aidions à changer d’échelle",
	"Les collectivités ont tout à gagner à travailler avec les acteurs de l’économie sociale et solidaire",
	"On ne réussira pas seuls : la coopération est dans notre ADN",
	"Chaque euro investi ici produit des effets bien au-delà du quartier",
	"Notre ambition est simple : que personne ne reste au bord du chemin",
	"Les habitants ont des idées, notre rôle est de les aider à les concrétiser",
	"Nous avons besoin de financements stables pour inscrire nos actions dans la durée",
	"Ce qui se passe ici peut inspirer bien d’autres territoires",
	"La réussite du projet tient à l’engagement des bénévoles",
	"Nous voulons montrer qu’une autre économie est possible",
	"Il n’y a pas de petits projets, il n’y a que des projets utiles",
	"Le quartier a changé de visage en quelques années",
	"Nous avons appris à travailler ensemble, et c’est notre plus grande réussite",
	"L’enjeu, c’est de redonner du pouvoir d’agir aux habitants",
	"On a commencé à trois, nous sommes aujourd’hui une vingtaine",
	"Il faut sortir de la logique des appels à projets annuels",
	"Ce partenariat nous permet d’aller plus loin et plus vite",
	"Nous avons voulu un lieu ouvert, accessible à tous",
	"Les jeunes du quartier sont les premiers ambassadeurs du projet",
	"Notre rôle est de créer les conditions de la rencontre",
	"Rien n’aurait été possible sans le soutien de nos partenaires",
	"L’économie sociale et solidaire est une réponse concrète aux défis de notre territoire",
	"Ce sont les habitants qui nous ont dit ce dont ils avaient besoin",
	"Nous devons changer d’échelle sans perdre notre âme",
	"La confiance se construit dans la durée",
	"Chaque parcours est unique, notre accompagnement doit l’être aussi",
	"Nous voulons faire de ce lieu un outil au service de tout le territoire",
}

var thirdPlaceDescr = []string{
	"Le lieu réunit un espace de coworking, un café associatif, un atelier de fabrication et une salle ouverte aux associations.",
	"Installé dans un ancien bâtiment industriel réhabilité, il accueille chaque semaine plusieurs centaines de personnes.",
	"Sa programmation est construite avec les habitants, réunis chaque mois en assemblée ouverte.",
	"Des permanences d’accès aux droits et des ateliers numériques y sont proposés gratuitement.",
}

// Descriptions of initiatives by kind (projects have their own, in projectDefs).
var kindDescr = map[string][]string{
	"participatory_budget": {
		"Les habitants peuvent déposer leurs idées en ligne ou lors de permanences, avant un vote ouvert à tous dès 16 ans.",
		"Une part du budget d’investissement est réservée aux projets proposés et choisis par les habitants.",
		"Les projets lauréats vont de la rénovation d’une aire de jeux à la création de jardins partagés.",
	},
	"programme": {
		"Le programme accompagne pendant dix-huit mois des personnes éloignées de l’emploi, avec un référent unique.",
		"Il combine formations, immersions en entreprise et accompagnement social.",
		"Les participants sont orientés par les services sociaux, les missions locales et les associations de quartier.",
	},
	"childcare": {
		"Une partie des places est réservée aux enfants de parents en recherche d’emploi ou en formation.",
		"Les parents bénéficient en parallèle d’un accompagnement vers l’emploi.",
		"La structure est ouverte de 7 h 30 à 19 h pour s’adapter aux horaires décalés.",
	},
	"call_for_projects": {
		"Les projets doivent répondre à un besoin identifié sur le territoire et associer les habitants.",
		"Une attention particulière sera portée aux projets implantés dans les quartiers prioritaires.",
	},
}
