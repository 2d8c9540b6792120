'use client';
import {
  CourseLinkEditorBlocked,
  CourseLinkEditorChangedElsewhere,
  CourseLinkEditorClearButton,
  CourseLinkEditorConfirm,
  CourseLinkEditorCurrent,
  CourseLinkEditorEditButton,
  CourseLinkEditorForm,
  CourseLinkEditorGate,
  CourseLinkEditorNotices,
  CourseLinkEditorResult,
  CourseLinkEditorRoot,
  CourseLinkEditorTitle,
} from './course-link-editor-parts';
import { type UseCourseLinkEditorOptions, useCourseLinkEditor } from './use-course-link-editor';

export interface CourseLinkEditorProps extends UseCourseLinkEditorOptions {
  /** Where "See plans" leads in the upgrade state (R1). */
  upgradeHref?: string;
  className?: string;
}

/**
 * A course's own link (R5, R6, R16): set or edit it, or go back to the site default.
 * Before saving, the widget says how many past and upcoming sessions change and lists
 * the booked clients holding the old link, with "Tell them now" (R29); then who was told.
 * Root attributes: `data-state`, `data-has-link`.
 */
export function CourseLinkEditor({ upgradeHref, className, ...options }: CourseLinkEditorProps) {
  const c = useCourseLinkEditor(options);
  return (
    <CourseLinkEditorRoot value={c} className={className}>
      <CourseLinkEditorTitle />
      <CourseLinkEditorGate upgradeHref={upgradeHref}>
        <CourseLinkEditorBlocked upgradeHref={upgradeHref} />
        <CourseLinkEditorResult />
        <CourseLinkEditorChangedElsewhere />
        <CourseLinkEditorCurrent>
          <div className="sl-actions">
            <CourseLinkEditorEditButton />
            <CourseLinkEditorClearButton />
          </div>
        </CourseLinkEditorCurrent>
        <CourseLinkEditorNotices />
        <CourseLinkEditorForm />
        <CourseLinkEditorConfirm />
      </CourseLinkEditorGate>
    </CourseLinkEditorRoot>
  );
}
