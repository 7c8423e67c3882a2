import type { tutorialEn } from './tutorial-en';

/** 教程面板（教程文字是数据：src/tutorial/tutorial-zh.json）。 */
export const tutorialZh: Record<keyof typeof tutorialEn, string> = {
  'tutorial.start': '教程',
  'tutorial.close': '关闭教程',
  'tutorial.step': '第 {n} 步，共 {total} 步',
  'tutorial.progress': '已答对 {done} / {total} 题',
  'tutorial.answer': '你的答案',
  'tutorial.choose': '请选择…',
  'tutorial.check': '检查答案',
  'tutorial.right': '回答正确：{answer}。',
  'tutorial.wrong': '不太对：数据给出的答案是 {answer}。回到视图里看看为什么。',
  'tutorial.previous': '上一步',
  'tutorial.next': '下一步',
  'tutorial.yes': '是',
  'tutorial.no': '否',
  'tutorial.failed': '无法检查这道题：{reason}',
  'tutorial.waiting': '正在等待数据…',
};
