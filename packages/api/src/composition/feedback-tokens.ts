import type { CloseFeedback, ListFeedbackForAdmin, ListMyFeedback, ReplyToFeedback, SendFeedback } from '@xianzhi/core';
import { token } from './token.js';

/** 意见反馈: students write to their campus, its admins answer and close. */
export const Feedback = {
  Send: token<SendFeedback>('SendFeedback'),
  Mine: token<ListMyFeedback>('ListMyFeedback'),
  ForAdmin: token<ListFeedbackForAdmin>('ListFeedbackForAdmin'),
  Reply: token<ReplyToFeedback>('ReplyToFeedback'),
  Close: token<CloseFeedback>('CloseFeedback'),
};
