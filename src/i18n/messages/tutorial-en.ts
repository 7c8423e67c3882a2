/** The tutorial panel (its text is data: src/tutorial/tutorial-en.json). */
export const tutorialEn = {
  'tutorial.start': 'Tutorial',
  'tutorial.close': 'Close the tutorial',
  'tutorial.step': 'Step {n} of {total}',
  'tutorial.progress': '{done} of {total} questions answered right',
  'tutorial.answer': 'Your answer',
  'tutorial.choose': 'Choose…',
  'tutorial.check': 'Check answer',
  'tutorial.right': 'Right: {answer}.',
  'tutorial.wrong': 'Not quite: the data says {answer}. Look at the view again to see why.',
  'tutorial.previous': 'Previous step',
  'tutorial.next': 'Next step',
  'tutorial.yes': 'Yes',
  'tutorial.no': 'No',
  'tutorial.failed': 'The question could not be checked: {reason}',
  'tutorial.waiting': 'Waiting for the data…',
} as const;
