namespace ServerlessGov.WebConsole.Text;

/// <summary>The console's words: each key with its Chinese and its English text.</summary>
public static partial class ConsoleStrings
{
    // Built on first use: the arrays live in partial files whose static initialisers have no order among themselves.
    private static readonly Lazy<Dictionary<string, (string Zh, string En)>> Table = new(Build);

    /// <summary>Every key, in both languages.</summary>
    public static IReadOnlyDictionary<string, (string Zh, string En)> All => Table.Value;

    private static Dictionary<string, (string Zh, string En)> Build()
    {
        var all = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal);
        foreach (var (key, zh, en) in Common.Concat(Policies).Concat(Reviews).Concat(Residents).Concat(Enterprises).Concat(Operations))
        {
            all.Add(key, (zh, en));
        }

        return all;
    }

    private static readonly (string Key, string Zh, string En)[] Common =
    [
        ("app.title", "免申即享 管理与服务台", "ServerlessGov console"),
        ("loading", "正在加载", "Loading"),
        ("notFound.title", "没有这个页面", "There is no such page"),
        ("nav.label", "主导航", "Main navigation"),
        ("nav.toggle", "显示或隐藏导航", "Show or hide navigation"),
        ("nav.inbox", "消息", "Inbox"),
        ("nav.policies", "政策", "Policies"),
        ("nav.reviews", "审核工作台", "Review worklist"),
        ("nav.supervision", "督办与时效", "Escalations and SLA"),
        ("nav.myBenefits", "我的待遇", "My benefits"),
        ("nav.enterprise", "企业服务", "Enterprise"),
        ("nav.dashboard", "运行概览", "Dashboard"),
        ("nav.cases", "案件与支付", "Cases and payments"),
        ("nav.reconciliation", "对账", "Reconciliation"),
        ("language.label", "语言", "Language"),
        ("account.signIn", "登录", "Sign in"),
        ("account.signOut", "退出", "Sign out"),
        ("account.signedInAs", "{0}（{1}）", "{0} ({1})"),
        ("role.policy-author", "政策制定人员", "Policy author"),
        ("role.reviewer", "审核人员", "Reviewer"),
        ("role.supervisor", "督办主管", "Supervisor"),
        ("role.auditor", "审计人员", "Auditor"),
        ("role.operator", "运维人员", "Operator"),
        ("role.resident", "居民", "Resident"),
        ("role.enterprise", "企业", "Enterprise"),
        ("signIn.title", "登录", "Sign in"),
        ("signIn.needed", "请先登录", "Please sign in first"),
        ("signIn.entraId", "使用统一身份认证登录", "Sign in with Entra ID"),
        ("signIn.notConfigured", "尚未配置统一身份认证（SignIn:Authority、SignIn:ClientId）。", "Entra ID sign-in is not configured (SignIn:Authority, SignIn:ClientId)."),
        ("signIn.developmentHint", "本机开发环境：选择一个角色，应用会签发开发令牌。", "Development machine: choose a role and the app issues a development token."),
        ("signIn.role", "角色", "Role"),
        ("signIn.subject", "选择有案件的对象", "Choose a subject that has cases"),
        ("signIn.subjectTyped", "对象编号（假名编号）", "Subject id (pseudonymous)"),
        ("signIn.subjectHelp", "居民以 r- 开头，企业以 e- 开头；不要填写身份证号或信用代码。", "Residents start with r-, enterprises with e-; never an ID number or credit code."),
        ("signIn.staffId", "工作人员编号（可选）", "Staff user id (optional)"),
        ("signIn.staffIdHelp", "例如 reviewer-li；留空则为 dev-角色。", "For example reviewer-li; empty means dev-<role>."),
        ("signIn.unavailable", "此服务器不提供开发登录（仅在开发环境并配置 Auth:DevSigningKey 时可用）。", "This server offers no development sign-in (Development with Auth:DevSigningKey only)."),
        ("inbox.title", "我的消息", "My inbox"),
        ("inbox.empty", "没有消息。", "No notifications."),
        ("inbox.when", "时间（北京时间）", "When (Beijing time)"),
        ("inbox.what", "事项", "What"),
        ("inbox.details", "详情", "Details"),
        ("inbox.state", "状态", "State"),
        ("inbox.markRead", "标为已读", "Mark read"),
        ("inbox.read", "已读", "Read"),
        ("template.review-escalation", "审核时效提醒", "Review deadline notice"),
        ("template.confirm-intention", "请确认领取意愿", "Please confirm you want this benefit"),
        ("template.case-paid", "款项已发放", "Payment made"),
        ("template.case-rejected", "审核未通过", "Not approved"),
        ("template.case-amount-unknown", "金额无法确定", "Amount could not be determined"),
        ("template.payment-failed", "支付失败，请更正账户", "Payment failed: please correct your account"),
        ("template.budget-cap-reached", "预算已用尽", "Budget cap reached"),
        ("template.allowance-overpaid", "需追回多发金额", "Overpaid amount to recover"),
        ("value.itemId", "审核事项", "Review item"),
        ("value.deadline", "时限", "Deadline"),
        ("value.level", "级别", "Level"),
        ("value.dueAt", "到期", "Due"),
        ("value.policyId", "政策", "Policy"),
        ("value.group", "审核组", "Group"),
        ("value.amountFen", "金额", "Amount"),
        ("value.reason", "原因", "Reason"),
        ("value.period", "期间", "Period"),
        ("value.capFen", "预算上限", "Budget cap"),
        ("value.recoverFen", "应追回", "To recover"),
        ("value.month", "月份", "Month"),
        ("sla.Sign", "签收分派", "Sign and assign"),
        ("sla.Close", "办结", "Close"),
        ("sla.Reminder", "已用一半", "Half used"),
        ("sla.Warning", "已用四分之三", "Three quarters used"),
        ("sla.Breach", "已超时", "Breached"),
        ("sla.None", "正常", "On track"),
        // Escalation notices name the step by its share of the time allowed.
        ("sla.50", "已用一半", "Half used"),
        ("sla.75", "已用四分之三", "Three quarters used"),
        ("sla.100", "已超时", "Breached"),
        ("common.refresh", "刷新", "Refresh"),
        ("common.save", "保存", "Save"),
        ("common.cancel", "取消", "Cancel"),
        ("common.more", "加载更多", "Load more"),
        ("common.none", "无", "None"),
        ("common.yes", "是", "Yes"),
        ("common.no", "否", "No"),
        ("common.policy", "政策", "Policy"),
        ("common.subject", "对象", "Subject"),
        ("common.period", "期间", "Period"),
        ("common.state", "状态", "State"),
        ("common.amount", "金额", "Amount"),
        ("common.updated", "更新时间", "Updated"),
        ("common.opened", "开始时间", "Opened"),
        ("common.filter", "筛选", "Filter"),
    ];
}
