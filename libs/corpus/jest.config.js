module.exports = {
  displayName: 'corpus',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/corpus',
};
