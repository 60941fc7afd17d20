/// The organiser's dashboard's own text, in French and English (`{1}`, `{2}` stand for values), kept apart from the
/// supporters' page's ``Phrase``s.
enum AdminPhrase: String, Sendable, CaseIterable {
    case title, offHeading, offText, loginHeading, tokenLabel, loginButton, logoutButton, refused
    case stateHeading, channel, total, satchelHeading, satchelSummary, byGroup, byDepartment, reachedOf
    case variantsHeading, variant, sentOfTotal, todayHeading, supportersToday, sentToday, chartLabel, chartEmpty
    case accountsHeading, accountsNone, accountPaused, accountsNote, errorsHeading, errorsNone, errorRow
    case oldestHeading, oldestNone, oldestRow, pausedNotice, actionsHeading
    case retryButton, retryHint, cancelButton, cancelHint, pauseButton, pauseHint, resumeButton, resumeHint
    case doneRetried, doneCancelled, donePaused, doneResumed, doneUnchanged, liveNote, readAt

    /// The phrase in `language`.
    func text(_ language: Language, _ values: String...) -> String {
        var result = (language == .french ? AdminText.french[self] : nil) ?? AdminText.english[self] ?? rawValue
        for (index, value) in values.enumerated() { result = result.replacingOccurrences(of: "{\(index + 1)}", with: value) }
        return result
    }
}

/// The tables of ``AdminPhrase``.
enum AdminText {
    static let english: [AdminPhrase: String] = [
        .title: "Dashboard: {1}",
        .offHeading: "The dashboard is off",
        .offText: "Set CARTABLE_ADMIN_TOKEN to a long random secret in the environment of cartable serve and restart it; then log in here with that token.",
        .loginHeading: "Organiser's login",
        .tokenLabel: "Organiser's token",
        .loginButton: "Log in",
        .logoutButton: "Log out",
        .refused: "Refused.",
        .stateHeading: "Messages by state and channel",
        .channel: "Channel",
        .total: "Total",
        .satchelHeading: "The satchel",
        .satchelSummary: "{1} of {2} deputies reached, {3} not yet.",
        .byGroup: "By group",
        .byDepartment: "By department",
        .reachedOf: "Reached (of targets)",
        .variantsHeading: "Wordings",
        .variant: "Wording",
        .sentOfTotal: "Sent / queued in all",
        .todayHeading: "Today (UTC)",
        .supportersToday: "Supporters today: {1}",
        .sentToday: "Messages sent today: {1}",
        .chartLabel: "Messages sent per minute today (UTC), {1} in all, at most {2} in one minute",
        .chartEmpty: "No message sent today yet.",
        .accountsHeading: "Rate-limit pauses",
        .accountsNone: "No sending account of this server is paused.",
        .accountPaused: "{1}: paused until {2} (UTC)",
        .accountsNote: "As this server's sender knows them; a cartable send elsewhere keeps its own.",
        .errorsHeading: "Last errors",
        .errorsNone: "No error.",
        .errorRow: "{1}× {2}",
        .oldestHeading: "Oldest waiting message",
        .oldestNone: "No message waiting.",
        .oldestRow: "#{1} ({2}), {3} since {4} (UTC), next attempt {5} (UTC)",
        .pausedNotice: "Sending is paused since {1} (UTC): every sender holds this campaign's messages.",
        .actionsHeading: "Actions",
        .retryButton: "Retry dead messages",
        .retryHint: "Dead and cancelled messages go back to the queue.",
        .cancelButton: "Cancel queued messages",
        .cancelHint: "Queued and retrying messages are cancelled; those being sent are left alone.",
        .pauseButton: "Pause sending",
        .pauseHint: "Every sender holds this campaign's messages until you resume.",
        .resumeButton: "Resume sending",
        .resumeHint: "The senders take this campaign's messages again.",
        .doneRetried: "{1} message(s) back in the queue.",
        .doneCancelled: "{1} message(s) cancelled.",
        .donePaused: "Sending paused.",
        .doneResumed: "Sending resumed.",
        .doneUnchanged: "Nothing changed.",
        .liveNote: "The figures update by themselves while this page is open.",
        .readAt: "Figures of {1} (UTC).",
    ]

    static let french: [AdminPhrase: String] = [
        .title: "Tableau de bord : {1}",
        .offHeading: "Le tableau de bord est désactivé",
        .offText: "Donnez à CARTABLE_ADMIN_TOKEN un long secret aléatoire dans l’environnement de cartable serve et relancez-le ; connectez-vous ensuite ici avec ce jeton.",
        .loginHeading: "Connexion de l’organisateur",
        .tokenLabel: "Jeton de l’organisateur",
        .loginButton: "Se connecter",
        .logoutButton: "Se déconnecter",
        .refused: "Refusé.",
        .stateHeading: "Messages par état et par canal",
        .channel: "Canal",
        .total: "Total",
        .satchelHeading: "La sacoche",
        .satchelSummary: "{1} député·es sur {2} atteint·es, {3} pas encore.",
        .byGroup: "Par groupe",
        .byDepartment: "Par département",
        .reachedOf: "Atteint·es (sur les cibles)",
        .variantsHeading: "Formulations",
        .variant: "Formulation",
        .sentOfTotal: "Envoyés / en file au total",
        .todayHeading: "Aujourd’hui (UTC)",
        .supportersToday: "Soutiens aujourd’hui : {1}",
        .sentToday: "Messages envoyés aujourd’hui : {1}",
        .chartLabel: "Messages envoyés par minute aujourd’hui (UTC), {1} au total, au plus {2} en une minute",
        .chartEmpty: "Aucun message envoyé aujourd’hui pour l’instant.",
        .accountsHeading: "Pauses de limite de débit",
        .accountsNone: "Aucun compte d’envoi de ce serveur n’est en pause.",
        .accountPaused: "{1} : en pause jusqu’à {2} (UTC)",
        .accountsNote: "Telles que l’expéditeur de ce serveur les connaît ; un cartable send ailleurs tient les siennes.",
        .errorsHeading: "Dernières erreurs",
        .errorsNone: "Aucune erreur.",
        .errorRow: "{1}× {2}",
        .oldestHeading: "Le plus ancien message en attente",
        .oldestNone: "Aucun message en attente.",
        .oldestRow: "n° {1} ({2}), {3} depuis {4} (UTC), prochain essai {5} (UTC)",
        .pausedNotice: "Les envois sont en pause depuis {1} (UTC) : chaque expéditeur retient les messages de cette campagne.",
        .actionsHeading: "Actions",
        .retryButton: "Relancer les messages abandonnés",
        .retryHint: "Les messages abandonnés et annulés retournent dans la file.",
        .cancelButton: "Annuler les messages en file",
        .cancelHint: "Les messages en file et en reprise sont annulés ; ceux en cours d’envoi restent.",
        .pauseButton: "Mettre les envois en pause",
        .pauseHint: "Chaque expéditeur retient les messages de cette campagne jusqu’à la reprise.",
        .resumeButton: "Reprendre les envois",
        .resumeHint: "Les expéditeurs reprennent les messages de cette campagne.",
        .doneRetried: "{1} message(s) remis dans la file.",
        .doneCancelled: "{1} message(s) annulé(s).",
        .donePaused: "Envois mis en pause.",
        .doneResumed: "Envois repris.",
        .doneUnchanged: "Rien n’a changé.",
        .liveNote: "Les chiffres se mettent à jour d’eux-mêmes tant que la page est ouverte.",
        .readAt: "Chiffres de {1} (UTC).",
    ]
}
