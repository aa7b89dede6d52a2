module.exports = {
  displayName: 'scheduler',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/scheduler',
};
