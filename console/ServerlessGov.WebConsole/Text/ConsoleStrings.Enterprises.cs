namespace ServerlessGov.WebConsole.Text;

public static partial class ConsoleStrings
{
    private static readonly (string Key, string Zh, string En)[] Enterprises =
    [
        ("enterprise.title", "企业服务", "For enterprises"),
        ("enterprise.creditCode", "统一社会信用代码", "Credit code"),
        ("enterprise.taxRating", "纳税信用", "tax rating"),
        ("enterprise.matches", "匹配的政策", "Policies that match you"),
        ("enterprise.eligibility", "匹配结果", "Match"),
        ("enterprise.why", "原因", "Why"),
        ("enterprise.allProved", "所有条件均已由权威数据证明", "Every condition proved by authoritative data"),
        ("enterprise.ruleNotMet", "数据表明不符合条件", "The data shows a condition is not met"),
        ("enterprise.confirm", "需确认：", "To confirm:"),
        ("enterprise.notification", "通知状态", "Notification"),
        ("enterprise.notifications", "收到的通知", "Notifications received"),
        ("enterprise.eventType", "类型", "Type"),
        ("enterprise.acknowledge", "确认已读", "Acknowledge"),
        ("enterprise.optOuts", "订阅的主题（关闭即退订）", "Topics (switch off to opt out)"),
        ("enterprise.optOutsSaved", "已保存，共退订 {0} 个主题。", "Saved: opted out of {0} topic(s)."),
        ("enterprise.webhook", "接收推送的地址（Webhook）", "Webhook for notifications"),
        ("enterprise.noWebhook", "未登记 Webhook，通知通过事件网格发送。", "No webhook: notifications go through the Event Grid topic."),
        ("enterprise.webhookRegistered", "已登记 {0}（{1}，{2} 验证）", "Registered {0} ({1}, validated {2})"),
        ("enterprise.webhookUrl", "Webhook 地址（https）", "Webhook URL (https)"),
        ("enterprise.webhookHelp", "登记时会完成事件网格的验证握手", "Registration runs Event Grid's validation handshake"),
        ("enterprise.registerWebhook", "登记", "Register"),
        ("enterprise.deleteWebhook", "删除", "Remove"),
        ("eligibility.Eligible", "符合", "Eligible"),
        ("eligibility.LikelyEligible", "可能符合", "Likely eligible"),
        ("eligibility.NotEligible", "不符合", "Not eligible"),
        ("delivery.Pending", "发送中", "Sending"),
        ("delivery.Sent", "已发送", "Sent"),
        ("delivery.Delivered", "已送达", "Delivered"),
        ("delivery.Acknowledged", "已确认", "Acknowledged"),
        ("delivery.Failed", "发送失败", "Failed"),
        ("delivery.Withheld", "已退订，未发送", "Withheld (opted out)"),
        ("event.gov.serverlessgov.enterprises.policy-matched.v1", "政策匹配", "Policy match"),
        ("event.gov.serverlessgov.enterprises.weekly-digest.v1", "每周摘要", "Weekly digest"),
        ("category.subsidies", "补贴与奖励", "Subsidies and rewards"),
        ("category.digest", "每周摘要", "Weekly digest"),
        ("category.all", "全部通知", "All notifications"),
    ];
}
