package dev.vigil.core.scheduler;

/**
 * One line of the Transition Summary, as crm_simulate prints it: the change (Start, Stop, Move,
 * Recover, Restart, Migrate, Promote, Demote, Reload, Fence), the resource or node, the details in
 * parentheses and the reason. Immutable.
 *
 * @param fence true for a {@code Fence (action) node 'reason'} line
 */
public record SummaryLine(String change, String subject, String details, String reason, boolean fence) {

    /** Renders the line with the given column widths (crm_simulate aligns the resource and details). */
    public String render(int subjectWidth, int detailsWidth) {
        if (fence) {
            return "  * " + change + " " + subject + " '" + reason + "'";
        }
        StringBuilder sb = new StringBuilder("  * ");
        sb.append(String.format("%-8s   %-" + Math.max(1, subjectWidth) + "s   ( %" + Math.max(1, detailsWidth)
                + "s )", change, subject, details));
        if (reason != null && !reason.isEmpty()) {
            sb.append("  ").append(reason);
        }
        return sb.toString();
    }
}
